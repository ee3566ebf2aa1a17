namespace ConsulAlerts.Notifications.Aws;

/// <summary>An AWS access key pair, with the session token of temporary credentials.</summary>
/// <param name="AccessKeyId">The access key id (not secret: it names the key, and every signed request carries it).</param>
/// <param name="SecretAccessKey">The secret key; never logged, never sent.</param>
/// <param name="SessionToken">The session token of temporary credentials (a secret), or null.</param>
internal sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    /// <summary>Names the key id only.</summary>
    public override string ToString() =>
        $"AwsCredentials {{ AccessKeyId = {AccessKeyId}, SessionToken = {(SessionToken is null ? "unset" : "set")} }}";
}
