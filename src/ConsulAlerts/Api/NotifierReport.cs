namespace ConsulAlerts.Api;

/// <summary>
/// One notifier instance in <c>/v1/status</c>: <c>failing</c> while its last attempt failed. <c>lastError</c> is the
/// pipeline's classified text (a status code, a fixed reason), never a URL, key or response body. <c>grouping</c> counts
/// the deliveries of <c>queued</c> gathered in an open group, waiting for its group-wait to pass.
/// </summary>
internal sealed record NotifierReport(
    string Name,
    bool Failing,
    long Sent,
    long Failed,
    long Retried,
    int Queued,
    int ConsecutiveFailures,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? LastSuccessAt,
    int Grouping);
