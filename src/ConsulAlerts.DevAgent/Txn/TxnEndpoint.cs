using System.Text.Json;
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
        List<TxnOp>? ops;
        try
        {
            ops = JsonSerializer.Deserialize(body, DevAgentJsonContext.Default.ListTxnOp);
        }
        catch (JsonException ex)
        {
            throw new ConsulHttpException(400, $"Failed to parse body: {ex.Message}");
        }

        ops ??= [];
        TxnValidation.Validate(ops);
        var store = request.Store;
        TxnResponse response;
        if (TxnValidation.IsReadOnly(ops))
        {
            // The read-only path honours consistency flags and, not being a blocking query, sends only leader headers.
            QueryOptions.Parse(request.Query);
            response = store.Read(() => TxnExecutor.Execute(store, 0, ops));
            request.Http.Response.Headers["X-Consul-LastContact"] = "0";
            request.Http.Response.Headers["X-Consul-KnownLeader"] = request.Runtime.Faults.NoLeader ? "false" : "true";
        }
        else
        {
            response = store.Write(index => TxnExecutor.Execute(store, index, ops));
        }

        await request.WriteJsonAsync(response, response.Errors is null ? 200 : 409);
    }
}
