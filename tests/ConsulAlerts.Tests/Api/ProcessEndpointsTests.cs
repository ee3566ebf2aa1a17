using System.Net;
using System.Text;

namespace ConsulAlerts.Tests.Api;

public sealed class ProcessEndpointsTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;
    private int _checks;
    private int _events;

    public async Task InitializeAsync()
    {
        _host = await ApiTestHost.StartAsync();
        _host.Triggers.ChecksRequested += () => Interlocked.Increment(ref _checks);
        _host.Triggers.EventsRequested += () => Interlocked.Increment(ref _events);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("v1/process/checks", """[{"Node":"n1","CheckID":"service:web","Status":"critical"}]""", 1, 0)]
    [InlineData("v1/process/checks", "[]", 1, 0)]
    [InlineData("v1/process/events", """[{"ID":"b54fe110-7af5-cafc-d1fb-afc8ba432b1c","Name":"deploy","Payload":null}]""", 0, 1)]
    public async Task Post_JsonArray_Answers200AndWakesOnlyItsWatcher(string path, string body, int checks, int events)
    {
        using var response = await PostAsync(path, body);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        _checks.ShouldBe(checks);
        _events.ShouldBe(events);
    }

    [Theory]
    [InlineData("v1/process/checks", "{not json")]
    [InlineData("v1/process/checks", """{"Node":"n1"}""")]
    [InlineData("v1/process/checks", "")]
    [InlineData("v1/process/events", "[1,")]
    public async Task Post_NotAJsonArray_Answers400WithoutWaking(string path, string body)
    {
        using var response = await PostAsync(path, body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("JSON array");
        (_checks + _events).ShouldBe(0);
    }

    [Fact]
    public async Task Post_OverOneMebibyte_Answers413()
    {
        var big = "[\"" + new string('x', 1024 * 1024) + "\"]";

        using var response = await PostAsync("v1/process/checks", big);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        _checks.ShouldBe(0);
    }

    [Fact]
    public async Task Post_ChunkedOverOneMebibyte_Answers413()
    {
        var big = Encoding.UTF8.GetBytes("[\"" + new string('x', 1024 * 1024) + "\"]");
        using var content = new StreamContent(new MemoryStream(big));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("v1/process/checks", UriKind.Relative)) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _host.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Post_JustUnderTheLimit_Answers200()
    {
        var body = "[\"" + new string('x', (1024 * 1024) - 4) + "\"]";

        using var response = await PostAsync("v1/process/checks", body);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private Task<HttpResponseMessage> PostAsync(string path, string body) =>
        _host.Client.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
}
