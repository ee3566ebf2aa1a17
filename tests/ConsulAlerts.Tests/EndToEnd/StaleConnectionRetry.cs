namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// Sends a test's request to the agent again when its connection broke (an agent killed and started again while a
/// connection to it sat in the pool answers the next request with a connection reset or a response cut short). The
/// tests' agent requests are idempotent (KV writes, registrations, check updates), except firing an event, which is
/// never sent twice.
/// </summary>
internal sealed class StaleConnectionRetry(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private const int MaxAttempts = 3;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException ex) when (attempt < MaxAttempts && ex.InnerException is IOException && !IsEventFire(request))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
            }
        }
    }

    private static bool IsEventFire(HttpRequestMessage request) =>
        request.RequestUri?.AbsolutePath.StartsWith("/v1/event/fire/", StringComparison.Ordinal) ?? false;
}
