namespace ConsulAlerts.Notifications.Notifiers.Mattermost;

/// <summary>The outcome of one Mattermost API call: a value (a token or an id), or a failure.</summary>
/// <param name="Value">What the call produced; null when it failed.</param>
/// <param name="Failure">Why it failed, classified; <see cref="NotifyResult.Ok"/> when it did not.</param>
/// <param name="Unauthorized">The server answered 401: the session token is no longer valid.</param>
internal readonly record struct MattermostStep(string? Value, NotifyResult Failure, bool Unauthorized)
{
    public static MattermostStep Done(string value) => new(value, NotifyResult.Ok, false);

    public static MattermostStep Failed(NotifyResult failure, bool unauthorized = false) => new(null, failure, unauthorized);

    /// <summary>The token a login step produced is a secret.</summary>
    public override string ToString() => Value is null ? $"MattermostStep {{ Failure = {Failure.Error}, Unauthorized = {Unauthorized} }}" : "MattermostStep { Done }";
}
