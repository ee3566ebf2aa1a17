namespace ConsulAlerts.Tests.Notifications.Testing;

/// <summary>The status table every incident-management notifier is tested against: which answers succeed, which are retried.</summary>
internal static class VendorStatuses
{
    /// <summary>Status, success, retryable.</summary>
    public static TheoryData<int, bool, bool> Table => new()
    {
        { 200, true, false },
        { 202, true, false },
        { 400, false, false },
        { 401, false, false },
        { 403, false, false },
        { 404, false, false },
        { 408, false, true },
        { 429, false, true },
        { 500, false, true },
        { 502, false, true },
        { 503, false, true },
    };
}
