using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ConsulAlerts.DevAgent.Blocking;
using ConsulAlerts.DevAgent.Datacenters;
using ConsulAlerts.DevAgent.Raft;
using ConsulAlerts.DevAgent.State;
using Microsoft.AspNetCore.Http;

namespace ConsulAlerts.DevAgent.Http;

/// <summary>One request as the endpoints see it: decoded path tail, presence-based query flags, and Consul-style answers.</summary>
internal sealed class ApiRequest(HttpContext http, string tail, AgentRuntime runtime, bool routed, CancellationToken aborted)
{
    private Datacenter? _datacenter;

    public HttpContext Http { get; } = http;

    /// <summary>The decoded path after the route's prefix (e.g. the key of <c>/v1/kv/</c>).</summary>
    public string Tail { get; } = tail;

    public AgentRuntime Runtime { get; } = runtime;

    /// <summary>
    /// The datacenter a server request is for (<c>?dc=</c>, the local one by default); agent endpoints always get the
    /// local one. Resolving an unknown or unreachable one throws Consul's error.
    /// </summary>
    public Datacenter Datacenter => _datacenter ??= routed ? Runtime.Datacenters.Resolve(Get("dc"), Runtime.Faults) : Runtime.Datacenters.Local;

    /// <summary>Serves the request from the datacenter a body names (empty: the local one), as catalog writes do.</summary>
    public void UseDatacenter(string? name) => _datacenter = Runtime.Datacenters.Resolve(name, Runtime.Faults);

    /// <summary>The store of <see cref="Datacenter"/>.</summary>
    public StateStore Store => Datacenter.Store;

    /// <summary>The simulated servers of <see cref="Datacenter"/>.</summary>
    public DevServerSet Servers => Datacenter.Servers;

    /// <summary>Whether the request is served by a leaderless local cluster (the <c>NoLeader</c> fault).</summary>
    public bool WithoutLeader => Runtime.Faults.NoLeader && Datacenter.IsLocal;

    public CancellationToken Aborted { get; } = aborted;

    public string Method => Http.Request.Method;

    public IQueryCollection Query => Http.Request.Query;

    /// <summary>Consul query flags are presence-based: <c>?recurse=false</c> still recurses.</summary>
    public bool Has(string name) => Query.ContainsKey(name);

    /// <summary>The first value of a parameter, like Go's <c>Values.Get</c>.</summary>
    public string Get(string name) => Query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] ?? "" : "";

    public ulong GetUInt64(string name)
    {
        var text = Get(name);
        return ulong.TryParse(text, System.Globalization.NumberStyles.None, null, out var value)
            ? value
            : throw new ConsulHttpException(500, $"strconv.ParseUint: parsing \"{text}\": invalid syntax");
    }

    public async Task<byte[]> ReadBodyAsync()
    {
        using var buffer = new MemoryStream();
        await Http.Request.Body.CopyToAsync(buffer, Aborted);
        return buffer.ToArray();
    }

    /// <summary>
    /// Decodes a JSON body, ignoring unknown fields; null for an empty body; 400 <c>Request decode failed</c> in Go's
    /// words for bad JSON.
    /// </summary>
    public async Task<T?> ReadJsonAsync<T>()
        where T : class
    {
        var body = await ReadBodyAsync();
        return body.AsSpan().Trim(" \t\r\n"u8).IsEmpty
            ? null
            : StrictJsonDecoder.Decode<T>(body, "Request decode failed", typeof(T).Name, disallowUnknown: false);
    }

    /// <summary>Decodes a JSON body as Consul's agent endpoints do: an unknown field or an empty body is a 400.</summary>
    /// <param name="goType">The Go type Consul decodes into, named when the body is not an object.</param>
    public async Task<T> ReadStrictJsonAsync<T>(string goType)
        where T : class =>
        StrictJsonDecoder.Decode<T>(await ReadBodyAsync(), "Request decode failed", goType, disallowUnknown: true);

    public async Task WriteJsonAsync<T>(T value, int statusCode = 200, string contentType = "application/json")
    {
        var context = Has("pretty") ? JsonContexts.Pretty : JsonContexts.Compact;
        Http.Response.StatusCode = statusCode;
        Http.Response.ContentType = contentType;
        await JsonSerializer.SerializeAsync(Http.Response.Body, value, (JsonTypeInfo<T>)context.GetTypeInfo(typeof(T))!, Aborted);
    }

    public Task WriteRawJsonAsync(string json)
    {
        Http.Response.StatusCode = 200;
        Http.Response.ContentType = "application/json";
        return Http.Response.WriteAsync(json, Aborted);
    }

    public Task WriteTextAsync(int statusCode, string text) => WriteText(Http, statusCode, text, Aborted);

    public static Task WriteText(HttpContext http, int statusCode, string text, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(text, cancellationToken);
    }

    /// <summary><c>X-Consul-Index</c>; never 0, as newer servers send it.</summary>
    public void SetIndex(ulong index) =>
        Http.Response.Headers["X-Consul-Index"] = Math.Max(index, 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The headers of a server read (Consul's setMeta).</summary>
    public void SetMeta(ulong index, QueryOptions query)
    {
        SetIndex(index);
        var headers = Http.Response.Headers;
        headers["X-Consul-KnownLeader"] = WithoutLeader ? "false" : "true";
        headers["X-Consul-LastContact"] = "0";
        headers["X-Consul-Query-Backend"] = "blocking-query";
        // Consul 1.10 reports the consistency it used on the catalog and health endpoints only.
        var path = Http.Request.Path.Value ?? "";
        if (path.StartsWith("/v1/health/", StringComparison.Ordinal) || path.StartsWith("/v1/catalog/", StringComparison.Ordinal))
        {
            headers["X-Consul-Effective-Consistency"] = query.Consistency;
        }
    }

    /// <summary>Runs a (possibly blocking) server read on <paramref name="signal"/> and sets the meta headers.</summary>
    public async Task<T> BlockAsync<T>(ChangeSignal signal, Func<BlockingResult<T>> evaluate)
    {
        var query = QueryOptions.Parse(Query);
        var options = Runtime.Options;
        var remote = Datacenter.IsLocal ? null : Datacenter.Name;
        using var link = remote is null ? null : CancellationTokenSource.CreateLinkedTokenSource(Aborted, Runtime.Faults.GoesDown(remote));
        BlockingResult<T> result;
        try
        {
            result = await BlockingQuery.RunAsync(
                Store,
                signal,
                query.MinIndex,
                query.BlockingTimeout(options.DefaultQueryTime, options.MaxQueryTime),
                evaluate,
                link?.Token ?? Aborted,
                () => Runtime.Requests.Park(Http.Request.Method, Http.Request.Path.Value ?? ""));
        }
        catch (OperationCanceledException) when (remote is not null && !Aborted.IsCancellationRequested)
        {
            // The remote datacenter's servers went away under the read, as a killed server's stream closes.
            throw new ConsulHttpException(500, "rpc error making call: stream closed");
        }

        SetMeta(result.Index, query);
        return result.Value;
    }
}
