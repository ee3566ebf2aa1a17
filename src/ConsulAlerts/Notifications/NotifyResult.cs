namespace ConsulAlerts.Notifications;

/// <summary>The outcome of one delivery: success, or a failure that may or may not be worth retrying.</summary>
/// <param name="Success">Whether the notifier accepted the batch.</param>
/// <param name="Retryable">For a failure: whether trying again later may succeed (network error, 5xx, 429, timeout).</param>
/// <param name="Error">For a failure: what went wrong, for logs and status; never contains secrets.</param>
internal readonly record struct NotifyResult(bool Success, bool Retryable, string? Error)
{
    /// <summary>For a retryable failure: how long the vendor asked us to wait (<c>Retry-After</c>), or null.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static NotifyResult Ok { get; } = new(true, false, null);

    public static NotifyResult Failed(string error, bool retryable) => new(false, retryable, error);
}
