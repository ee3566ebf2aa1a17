using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.DevAgent;

namespace ConsulAlerts.Tests.Api;

/// <summary>The silence endpoints in process, writing to the dev agent over real HTTP on 127.0.0.1.</summary>
public sealed class SilenceEndpointsTests : IAsyncLifetime
{
    private const string Token = "s3cret-api-token";
    private const string UnknownId = "0123abcd-4567-89ab-cdef-0123456789ab";
    private DevAgentServer _agent = null!;
    private ConsulClient _consul = null!;
    private ApiTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _agent = await DevAgentServer.StartAsync();
        _consul = ConsulClient.Create(new ConsulClientOptions { Address = _agent.Address.ToString() });
        _host = await ApiTestHost.StartAsync(apiToken: Token, consul: _consul);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _consul.Dispose();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task Post_Valid_CreatesItAndTheListShowsStateAndMutedChecks()
    {
        _host.Checks.Add("web-1", "api", "service:api", "critical", "critical");
        _host.Checks.Add("web-1", "", "serfHealth", "passing", "passing");
        _host.Checks.Add("web-2", "api", "service:api", "critical", "critical");

        using var created = await SendAsync(HttpMethod.Post, "v1/silences", Body(("node", "web-1")));

        created.StatusCode.ShouldBe(HttpStatusCode.OK);
        var id = (await JsonAsync(created)).GetProperty("silenceID").GetString()!;
        (await _consul.Kv.GetAsync("consul-alerts/silences/" + id)).Value.ShouldNotBeNull();
        using var list = await _host.Client.GetAsync(new Uri("v1/silences", UriKind.Relative));
        var silence = (await JsonAsync(list)).EnumerateArray().ShouldHaveSingleItem();
        silence.GetProperty("id").GetString().ShouldBe(id);
        silence.GetProperty("state").GetString().ShouldBe("active");
        silence.GetProperty("createdBy").GetString().ShouldBe("ops");
        silence.GetProperty("matchers")[0].GetRawText().ShouldBe("""{"name":"node","value":"web-1","isRegex":false,"isEqual":true}""");
        silence.GetProperty("endsAt").GetString().ShouldEndWith("Z");
        silence.GetProperty("mutedCount").GetInt32().ShouldBe(1);
        silence.GetProperty("mutes").EnumerateArray().ShouldHaveSingleItem().GetRawText()
            .ShouldBe("""{"node":"web-1","checkId":"service:api","serviceId":"api","status":"critical"}""");
        using var one = await _host.Client.GetAsync(new Uri("v1/silences/" + id, UriKind.Relative));
        one.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await JsonAsync(one)).GetProperty("id").GetString().ShouldBe(id);
    }

    [Fact]
    public async Task Post_Invalid_400NamingEveryFieldAndNothingWritten()
    {
        var body = """{"matchers":[{"name":"foo","value":"x"},{"name":"check","value":"(","isRegex":true}],"startsAt":"2030-01-02T00:00:00Z","endsAt":"2030-01-01T00:00:00Z","createdBy":"ops"}""";

        using var response = await SendAsync(HttpMethod.Post, "v1/silences", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await JsonAsync(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        errors.Count.ShouldBe(4);
        errors.ShouldContain("endsAt: must be after startsAt");
        errors.ShouldContain(e => e.StartsWith("matchers[0].name: unknown label 'foo'", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("matchers[1].value: invalid regular expression", StringComparison.Ordinal));
        errors.ShouldContain("comment: required");
        _agent.Requests.Count("PUT", "/v1/kv/").ShouldBe(0);
    }

    [Theory]
    [InlineData("", "body: not a JSON object")]
    [InlineData("not json", "body: not a JSON object")]
    [InlineData("[]", "body: not a JSON object")]
    [InlineData("null", "body: a JSON object is required")]
    [InlineData("""{"matchers":"node=web-1"}""", "matchers: wrong type or not valid JSON")]
    [InlineData("""{"matchers":[{"name":"node","value":"a","isRegex":"yes"}]}""", "matchers[0].isRegex: wrong type or not valid JSON")]
    [InlineData("""{"endsAt":12}""", "endsAt: wrong type or not valid JSON")]
    [InlineData("""{"comment":{"a":[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]}}""", "comment")]
    public async Task Post_HostileBody_400NotA500(string body, string expected)
    {
        using var response = await SendAsync(HttpMethod.Post, "v1/silences", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(response)).GetProperty("errors")[0].GetString()!.ShouldStartWith(expected);
    }

    [Fact]
    public async Task Post_DeeplyNestedUnknownField_400()
    {
        var body = "{\"extra\":" + new string('[', 50_000) + new string(']', 50_000) + "}";

        using var response = await SendAsync(HttpMethod.Post, "v1/silences", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_OverTheBodyLimit_413()
    {
        var body = "{\"comment\":\"" + new string('x', 200 * 1024) + "\"}";

        using var response = await SendAsync(HttpMethod.Post, "v1/silences", body);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("v1/silences/abc%00def")]
    [InlineData("v1/silences/0123abcd-4567-89ab-cdef-0123456789a%0A")]
    [InlineData("v1/silences/..%2Fconfig")]
    [InlineData("v1/silences/0123ABCD-4567-89AB-CDEF-0123456789AB")]
    public async Task GetAndDelete_MalformedId_400(string path)
    {
        using var get = await _host.Client.GetAsync(new Uri(path, UriKind.Relative));
        using var delete = await SendAsync(HttpMethod.Delete, path, null);

        // Kestrel itself refuses some (a NUL in the path) before any endpoint runs; either way, 400.
        get.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        delete.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        if (get.Content.Headers.ContentType?.MediaType == "application/json")
        {
            (await JsonAsync(get)).GetProperty("errors")[0].GetString().ShouldBe("id: not a silence id (a lowercase UUID)");
        }
    }

    [Fact]
    public async Task GetAndDelete_UnknownId_404()
    {
        using var get = await _host.Client.GetAsync(new Uri("v1/silences/" + UnknownId, UriKind.Relative));
        using var delete = await SendAsync(HttpMethod.Delete, "v1/silences/" + UnknownId, null);

        get.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        delete.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_Active_ExpiresItAndKeepsIt()
    {
        _host.Checks.Add("web-1", "api", "service:api", "critical", "critical");
        using var created = await SendAsync(HttpMethod.Post, "v1/silences", Body(("node", "web-1")));
        var id = (await JsonAsync(created)).GetProperty("silenceID").GetString()!;

        using var expired = await SendAsync(HttpMethod.Delete, "v1/silences/" + id, null);

        expired.StatusCode.ShouldBe(HttpStatusCode.OK);
        var report = await JsonAsync(expired);
        report.GetProperty("state").GetString().ShouldBe("expired");
        report.GetProperty("mutes").GetArrayLength().ShouldBe(0);
        (await _consul.Kv.GetAsync("consul-alerts/silences/" + id)).Value.ShouldNotBeNull("kept for the retention period");
    }

    [Fact]
    public async Task Put_Active_NarrowedInPlaceAndTheListShowsWhatItMutesNow()
    {
        _host.Checks.Add("web-1", "api", "service:api", "critical", "critical");
        _host.Checks.Add("web-2", "api", "service:api", "critical", "critical");
        using var created = await SendAsync(HttpMethod.Post, "v1/silences", Body(("service", "api")));
        var id = (await JsonAsync(created)).GetProperty("silenceID").GetString()!;

        using var updated = await SendAsync(HttpMethod.Put, "v1/silences/" + id, Body(("node", "web-2")));

        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await JsonAsync(updated)).GetProperty("silenceID").GetString().ShouldBe(id);
        using var one = await _host.Client.GetAsync(new Uri("v1/silences/" + id, UriKind.Relative));
        var silence = await JsonAsync(one);
        silence.GetProperty("state").GetString().ShouldBe("active");
        silence.GetProperty("mutes").EnumerateArray().Select(m => m.GetProperty("node").GetString()).ShouldBe(["web-2"]);
        using var list = await _host.Client.GetAsync(new Uri("v1/silences", UriKind.Relative));
        (await JsonAsync(list)).GetArrayLength().ShouldBe(1, "updated in place, not a second silence");
    }

    [Fact]
    public async Task Put_ExpiredUnknownOrMalformed_400Or404AndNothingWritten()
    {
        using var created = await SendAsync(HttpMethod.Post, "v1/silences", Body(("node", "web-1")));
        var id = (await JsonAsync(created)).GetProperty("silenceID").GetString()!;
        using var expire = await SendAsync(HttpMethod.Delete, "v1/silences/" + id, null);
        var writes = _agent.Requests.Count("PUT", "/v1/kv/");

        using var expired = await SendAsync(HttpMethod.Put, "v1/silences/" + id, Body(("node", "web-1")));
        using var unknown = await SendAsync(HttpMethod.Put, "v1/silences/" + UnknownId, Body(("node", "web-1")));
        using var malformed = await SendAsync(HttpMethod.Put, "v1/silences/not-an-id", Body(("node", "web-1")));
        using var invalid = await SendAsync(HttpMethod.Put, "v1/silences/" + UnknownId, """{"matchers":[]}""");

        expired.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(expired)).GetProperty("errors")[0].GetString()!.ShouldContain("has expired");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        invalid.StatusCode.ShouldBe(HttpStatusCode.NotFound, "an unknown silence is 404 before its body is judged");
        _agent.Requests.Count("PUT", "/v1/kv/").ShouldBe(writes);
    }

    [Fact]
    public async Task Writes_WithoutTheToken_401AndNothingWritten_ReadsOpen()
    {
        using var post = await SendAsync(HttpMethod.Post, "v1/silences", Body(("node", "web-1")), token: null);
        using var wrong = await SendAsync(HttpMethod.Post, "v1/silences", Body(("node", "web-1")), token: "guess");
        using var delete = await SendAsync(HttpMethod.Delete, "v1/silences/" + UnknownId, null, token: null);
        using var put = await SendAsync(HttpMethod.Put, "v1/silences/" + UnknownId, Body(("node", "web-1")), token: null);
        using var list = await _host.Client.GetAsync(new Uri("v1/silences", UriKind.Relative));

        post.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        delete.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        put.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        _agent.Requests.Count("PUT", "/v1/kv/").ShouldBe(0);
    }

    [Fact]
    public async Task Post_ConsulUnreachable_503()
    {
        await using var host = await ApiTestHost.StartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("v1/silences", UriKind.Relative))
        {
            Content = new StringContent(Body(("node", "web-1")), Encoding.UTF8, "application/json"),
        };
        using var response = await host.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await JsonAsync(response)).GetProperty("errors")[0].GetString()!.ShouldStartWith("consul: ");
    }

    private static string Body(params (string Name, string Value)[] matchers)
    {
        var ends = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var list = string.Join(",", matchers.Select(m => $$"""{"name":"{{m.Name}}","value":"{{m.Value}}"}"""));
        return $$"""{"matchers":[{{list}}],"endsAt":"{{ends}}","createdBy":"ops","comment":"deploy"}""";
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, string? token = Token)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _host.Client.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
