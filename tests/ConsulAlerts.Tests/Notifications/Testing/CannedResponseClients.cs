using System.Net;
using System.Text;

namespace ConsulAlerts.Tests.Notifications.Testing;

/// <summary>
/// An <see cref="IHttpClientFactory"/> whose clients never touch the network: every request is answered with
/// <see cref="Status"/> and <see cref="Body"/> (for vendors whose error bodies matter), and counted.
/// </summary>
internal sealed class CannedResponseClients : IHttpClientFactory
{
    private int _requests;

    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    public string Body { get; set; } = "";

    public string ContentType { get; set; } = "text/xml";

    public int Requests => Volatile.Read(ref _requests);

    public HttpClient CreateClient(string name) => new(new Handler(this), disposeHandler: true);

    private sealed class Handler(CannedResponseClients owner) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref owner._requests);
            return Task.FromResult(new HttpResponseMessage(owner.Status)
            {
                RequestMessage = request,
                Content = new StringContent(owner.Body, Encoding.UTF8, owner.ContentType),
            });
        }
    }
}
