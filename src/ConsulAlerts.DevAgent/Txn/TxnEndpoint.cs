using ConsulAlerts.DevAgent.Blocking;
using ConsulAlerts.DevAgent.Http;

namespace ConsulAlerts.DevAgent.Txn;

/// <summary><c>PUT /v1/txn</c>: up to 64 KV, Node, Service and Check operations applied atomically; 409 with every error on rollback.</summary>
internal static class TxnEndpoint
{
    public static void Map(Router router) => router.Exact("/v1/txn", RouteKind.Server, HandleAsync, "PUT");

    private static async Task HandleAsync(ApiRequest request)
    {
        var length = request.Http.Request.ContentLength;
        if (length > TxnValidation.MaxRequestLength)
        {
            throw BodyLimits.TxnTooLarge(length.Value);
        }

        var body = await BodyLimits.ReadAtMostAsync(request, TxnValidation.MaxRequestLength) ?? throw BodyLimits.TxnStreamTooLarge();
        // Consul decodes transactions strictly: an unknown field fails the whole body before anything runs.
        var ops = StrictJsonDecoder.Decode<List<TxnOp>>(body, "Failed to parse body", "api.TxnOps", disallowUnknown: true);
        TxnValidation.Validate(ops);
        var store = request.Store;
        TxnResponse response;
        if (TxnValidation.IsReadOnly(ops))
        {
            // The read-only path honours consistency flags and, not being a blocking query, sends only leader headers.
            QueryOptions.Parse(request.Query);
            var knownLeader = !request.Runtime.Faults.NoLeader;
            response = store.Read(() => TxnExecutor.Execute(store, 0, ops, OffersGetOrEmpty(request.Runtime.Options)) with
            {
                // The read path answers a TxnReadResponse, whose query meta Go serializes into the body too.
                Index = store.KvTableIndex,
                LastContact = 0,
                KnownLeader = knownLeader,
                ConsistencyLevel = "",
                NotModified = false,
                Backend = 0,
            });
            request.Http.Response.Headers["X-Consul-LastContact"] = "0";
            request.Http.Response.Headers["X-Consul-KnownLeader"] = knownLeader ? "true" : "false";
        }
        else
        {
            response = store.Write(index => TxnExecutor.Execute(store, index, ops, OffersGetOrEmpty(request.Runtime.Options)));
        }

        await request.WriteJsonAsync(response, response.Errors is null ? 200 : 409);
    }

    /// <summary>The <c>get-or-empty</c> verb exists from Consul 1.14 on; an agent claiming an older version refuses it.</summary>
    private static bool OffersGetOrEmpty(DevAgentOptions options)
    {
        var text = options.Version;
        var end = text.IndexOfAny(['-', '+']);
        return Version.TryParse(end < 0 ? text : text[..end], out var version) && version >= new Version(1, 14);
    }
}
