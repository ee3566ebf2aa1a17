using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ConsulAlerts.ContractTests.Infrastructure;

/// <summary>
/// Per-test scope: unique names for everything the test creates, HTTP helpers,
/// and clean-up of exactly what the test created (never a whole-store delete).
/// </summary>
public abstract class ContractTestBase : IAsyncLifetime
{
    private readonly List<string> sessions = [];
    private readonly List<string> services = [];
    private readonly List<string> checks = [];

    protected ContractTestBase(ConsulAgentFixture agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        Agent = agent;
        Id = Guid.NewGuid().ToString("N");
        Prefix = $"consul-alerts-contract/{Id}/";
    }

    protected ConsulAgentFixture Agent { get; }

    protected HttpClient Http => Agent.Http;

    /// <summary>A fresh 32-hex-digit identifier for this test.</summary>
    protected string Id { get; }

    /// <summary>The KV prefix this test owns, ending in a slash.</summary>
    protected string Prefix { get; }

    /// <summary>A short-timeout budget for "eventually" polls (anti-entropy, gossip).</summary>
    protected static TimeSpan Eventually { get; } = TimeSpan.FromSeconds(10);

    protected string Key(string name) => Prefix + name;

    /// <summary>A unique service/check/event/session name for this test.</summary>
    protected string Unique(string kind) => $"ct-{kind}-{Id[..16]}";

    /// <summary>Skips the test (with the reason) when the group's agent is not available.</summary>
    public Task InitializeAsync()
    {
        Skip.If(Agent.SkipReason is not null, Agent.SkipReason);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (Agent.SkipReason is not null)
        {
            return;
        }

        foreach (var session in sessions)
        {
            await BestEffortAsync(HttpMethod.Put, $"v1/session/destroy/{session}");
        }

        foreach (var service in services)
        {
            await BestEffortAsync(HttpMethod.Put, $"v1/agent/service/deregister/{service}");
        }

        foreach (var check in checks)
        {
            await BestEffortAsync(HttpMethod.Put, $"v1/agent/check/deregister/{check}");
        }

        // Prefix is never empty: an empty key with recurse would delete the entire store.
        Prefix.ShouldNotBeNullOrEmpty();
        await BestEffortAsync(HttpMethod.Delete, $"v1/kv/{Prefix}?recurse");
    }

    /// <summary>
    /// Skips the test unless the agent reports at least <paramref name="minimum"/>: features newer than the agent are
    /// gated on its version, never on which kind of agent it is.
    /// </summary>
    protected async Task RequireVersionAsync(string minimum, string feature)
    {
        var version = await Agent.VersionAsync();
        Skip.If(version < Version.Parse(minimum), $"{feature} needs Consul {minimum} or later; the agent is {version}");
    }

    /// <summary>Skips the test unless the agent is older than <paramref name="version"/>: behaviour a newer Consul changed.</summary>
    protected async Task RequireVersionBelowAsync(string version, string behaviour)
    {
        var actual = await Agent.VersionAsync();
        Skip.If(actual >= Version.Parse(version), $"{behaviour} changed in Consul {version}; the agent is {actual}");
    }

    /// <summary>Deregisters the agent service after the test, in case a registration meant to fail went through.</summary>
    protected void TrackService(string id) => services.Add(id);

    /// <summary>Deregisters the agent check after the test, in case a registration meant to fail went through.</summary>
    protected void TrackCheck(string id) => checks.Add(id);

    // ---- HTTP ----

    protected async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        return await Http.SendAsync(request);
    }

    protected Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    protected Task<HttpResponseMessage> PutAsync(string path, HttpContent? content = null) => SendAsync(HttpMethod.Put, path, content);

    protected Task<HttpResponseMessage> PutJsonAsync(string path, string json) => PutAsync(path, Json(json));

    protected Task<HttpResponseMessage> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    /// <summary>GET and measure how long the answer took.</summary>
    protected async Task<(HttpResponseMessage Response, TimeSpan Elapsed)> TimedGetAsync(string path)
    {
        var stopwatch = Stopwatch.StartNew();
        var response = await GetAsync(path);
        await response.Content.LoadIntoBufferAsync();
        return (response, stopwatch.Elapsed);
    }

    /// <summary>True when a GET is still unanswered after <paramref name="after"/> (it is then cancelled).</summary>
    protected async Task<bool> StillBlockingAfterAsync(string path, TimeSpan after)
    {
        using var cancellation = new CancellationTokenSource(after);
        try
        {
            using var response = await Http.GetAsync(new Uri(path, UriKind.Relative), cancellation.Token);
            return false;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return true;
        }
    }

    protected static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    protected static ByteArrayContent Bytes(byte[] value)
    {
        var content = new ByteArrayContent(value);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    protected static ByteArrayContent Text(string value) => Bytes(Encoding.UTF8.GetBytes(value));

    protected static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(body);
    }

    /// <summary>Asserts the status and returns the parsed JSON body (which may be JSON null).</summary>
    protected static async Task<JsonNode?> ExpectJsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, $"body: {body}");
        return JsonNode.Parse(body);
    }

    protected static async Task<JsonArray> ExpectArrayAsync(HttpResponseMessage response)
    {
        var node = await ExpectJsonAsync(response);
        node.ShouldNotBeNull("expected a JSON array, got null");
        return node.AsArray();
    }

    protected static async Task<string> ExpectStatusAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, $"body: {body}");
        return body;
    }

    /// <summary>A header from the response or content headers, or null when absent.</summary>
    protected static string? Header(HttpResponseMessage response, string name)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
        {
            return string.Join(",", values);
        }

        return null;
    }

    /// <summary>The X-Consul-Index header; fails the test if it is missing.</summary>
    protected static ulong IndexOf(HttpResponseMessage response)
    {
        var value = Header(response, "X-Consul-Index");
        value.ShouldNotBeNull("X-Consul-Index header missing");
        return ulong.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    protected static ulong U64(JsonNode? node)
    {
        node.ShouldNotBeNull();
        return node.GetValue<ulong>();
    }

    protected static string? Str(JsonNode? node) => node?.GetValue<string>();

    // ---- KV ----

    /// <summary>PUT a KV value; asserts 200 and returns the boolean body.</summary>
    protected async Task<bool> PutKvAsync(string key, string value, string query = "")
    {
        using var response = await PutAsync($"v1/kv/{key}{Query(query)}", Text(value));
        var body = await ExpectStatusAsync(response, HttpStatusCode.OK);
        return bool.Parse(body.Trim());
    }

    /// <summary>The single KV entry, or null on 404.</summary>
    protected async Task<JsonObject?> GetKvAsync(string key, string query = "")
    {
        using var response = await GetAsync($"v1/kv/{key}{Query(query)}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var array = await ExpectArrayAsync(response);
        array.Count.ShouldBe(1);
        return array[0]!.AsObject();
    }

    protected async Task<JsonObject> GetExistingKvAsync(string key) =>
        await GetKvAsync(key) ?? throw new ShouldAssertException($"key {key} should exist");

    /// <summary>The decoded value of a KV entry; null when the entry's Value is null.</summary>
    protected static string? ValueOf(JsonObject entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var value = entry["Value"];
        return value is null ? null : Encoding.UTF8.GetString(Convert.FromBase64String(value.GetValue<string>()));
    }

    /// <summary>The lock holder, treating missing and empty alike as "not locked".</summary>
    protected static string SessionOf(JsonObject entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry["Session"]?.GetValue<string>() ?? string.Empty;
    }

    protected static string Query(string query) => query.Length == 0 ? string.Empty : "?" + query;

    // ---- sessions ----

    /// <summary>Creates a session (destroyed after the test) and returns its ID.</summary>
    protected async Task<string> CreateSessionAsync(string body = "{}")
    {
        using var response = await PutJsonAsync("v1/session/create", body);
        var json = await ExpectJsonAsync(response);
        var id = Str(json?["ID"]);
        id.ShouldNotBeNullOrEmpty();
        sessions.Add(id);
        return id;
    }

    protected async Task<JsonArray> SessionInfoAsync(string id)
    {
        using var response = await GetAsync($"v1/session/info/{id}");
        return await ExpectArrayAsync(response);
    }

    protected async Task DestroySessionAsync(string id)
    {
        using var response = await PutAsync($"v1/session/destroy/{id}");
        (await ExpectStatusAsync(response, HttpStatusCode.OK)).Trim().ShouldBe("true");
    }

    // ---- agent services and checks ----

    /// <summary>Registers a service on the agent (deregistered after the test).</summary>
    protected async Task RegisterServiceAsync(string id, string json)
    {
        services.Add(id);
        using var response = await PutJsonAsync("v1/agent/service/register", json);
        await ExpectStatusAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Registers a service with one TTL check and no status: the check starts critical.</summary>
    protected async Task<string> RegisterTtlServiceAsync(string? tagsJson = null)
    {
        var id = Unique("svc");
        var tags = tagsJson is null ? string.Empty : $",\"Tags\":{tagsJson}";
        await RegisterServiceAsync(id, $$$"""{"ID":"{{{id}}}","Name":"{{{id}}}","Port":8080{{{tags}}},"Check":{"TTL":"60s"}}""");
        return id;
    }

    /// <summary>Registers a stand-alone check on the agent (deregistered after the test).</summary>
    protected async Task RegisterCheckAsync(string id, string json)
    {
        checks.Add(id);
        using var response = await PutJsonAsync("v1/agent/check/register", json);
        await ExpectStatusAsync(response, HttpStatusCode.OK);
    }

    protected async Task<JsonObject> AgentChecksAsync()
    {
        using var response = await GetAsync("v1/agent/checks");
        var json = await ExpectJsonAsync(response);
        json.ShouldNotBeNull();
        return json.AsObject();
    }

    /// <summary>Polls the health endpoint for a service's checks until the predicate holds (anti-entropy).</summary>
    protected async Task<JsonArray> HealthChecksWhenAsync(string service, Func<JsonArray, bool> done) =>
        await EventuallyAsync(
            async () =>
            {
                using var response = await GetAsync($"v1/health/checks/{service}");
                return await ExpectArrayAsync(response);
            },
            done);

    // ---- misc ----

    /// <summary>Polls until <paramref name="done"/> holds or the deadline passes; returns the last value.</summary>
    protected static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value) || stopwatch.Elapsed > (timeout ?? Eventually))
            {
                return value;
            }

            await Task.Delay(100);
        }
    }

    protected static IEnumerable<JsonObject> Objects(JsonArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        return array.Select(n => n!.AsObject());
    }

    protected static IEnumerable<string> Strings(JsonArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        return array.Select(n => n!.GetValue<string>());
    }

    private async Task BestEffortAsync(HttpMethod method, string path)
    {
        try
        {
            using var response = await SendAsync(method, path);
        }
        catch (HttpRequestException)
        {
            // Clean-up must not hide the test's own result.
        }
    }
}
