using System.Net;

namespace ConsulAlerts.Tests.Testing;

/// <summary>
/// A Consul client's HTTP handler that answers 500, as a Consul losing its leadership mid-write would, to the
/// requests <see cref="FailWhen"/> picks (by path and body), and passes every other request on.
/// </summary>
internal sealed class FaultyConsulHandler() : DelegatingHandler(new SocketsHttpHandler { UseProxy = false })
{
    private int _failed;

    /// <summary>Picks, per request (path, body), the ones to fail; null passes everything on.</summary>
    public Func<string, string, bool>? FailWhen { get; set; }

    /// <summary>Requests failed so far.</summary>
    public int Failed => Volatile.Read(ref _failed);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (FailWhen is { } failWhen)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            if (failWhen(request.RequestUri!.AbsolutePath, body))
            {
                Interlocked.Increment(ref _failed);
                return new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("rpc error: leadership lost while committing log") };
            }
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
