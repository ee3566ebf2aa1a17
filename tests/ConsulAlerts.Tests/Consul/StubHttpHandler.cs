using System.Net;
using System.Text;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Http;

namespace ConsulAlerts.Tests.Consul;

/// <summary>Records every request and answers with a scripted response; no network.</summary>
internal sealed class StubHttpHandler : HttpMessageHandler
{
    private readonly object _gate = new();
    private readonly List<RecordedRequest> _requests = [];

    public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Respond { get; set; } =
        (_, _) => Task.FromResult(Json("[]", index: 1));

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public RecordedRequest Last => Requests[^1];

    public void RespondWith(Func<HttpResponseMessage> response) => Respond = (_, _) => Task.FromResult(response());

    public static HttpResponseMessage Json(string json, ulong? index = null, HttpStatusCode status = HttpStatusCode.OK) =>
        Text(json, index, status, "application/json");

    public static HttpResponseMessage Text(string text, ulong? index = null, HttpStatusCode status = HttpStatusCode.OK, string mediaType = "text/plain")
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(text, Encoding.UTF8, mediaType) };
        if (index is { } i)
        {
            response.Headers.Add("X-Consul-Index", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return response;
    }

    /// <summary>A client whose transport goes through <paramref name="handler"/>.</summary>
    public static ConsulClient Client(StubHttpHandler handler, ConsulClientOptions? options = null, TimeProvider? time = null) =>
        new(new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, options ?? new ConsulClientOptions { Address = "127.0.0.1:8500", Datacenter = null }, time);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        lock (_gate)
        {
            _requests.Add(new RecordedRequest(request.Method, request.RequestUri!, headers, body, request.Content?.Headers.ContentType?.MediaType));
        }

        return await Respond(request, cancellationToken);
    }
}
