using System.Text.Json;
using ConsulAlerts.DevAgent.Blocking;
using ConsulAlerts.DevAgent.Http;
using ConsulAlerts.DevAgent.Kv;
using ConsulAlerts.DevAgent.State;

namespace ConsulAlerts.DevAgent.Txn;

/// <summary><c>PUT /v1/txn</c>: up to 64 KV operations applied atomically; 409 with every error on rollback.</summary>
internal static class TxnEndpoint
{
    public static void Map(Router router) => router.Exact("/v1/txn", RouteKind.Server, HandleAsync, "PUT");

    /// <summary>Runs the operations under the store lock; on any error every write is rolled back.</summary>
    internal static TxnResponse Execute(StateStore store, ulong index, IReadOnlyList<TxnOp> ops)
    {
        var results = new List<TxnResult>();
        var errors = new List<TxnError>();
        store.BeginKvTransaction();
        try
        {
            for (var i = 0; i < ops.Count; i++)
            {
                try
                {
                    Apply(store, index, ops[i], results);
                }
                catch (ConsulHttpException ex)
                {
                    errors.Add(new TxnError(i, ex.Message));
                }
            }
        }
        finally
        {
            if (errors.Count > 0)
            {
                store.RollbackKvTransaction();
            }
            else
            {
                store.CommitKvTransaction();
            }
        }

        return errors.Count > 0 ? new TxnResponse(null, errors) : new TxnResponse(results.Count > 0 ? results : null, null);
    }

    private static void Apply(StateStore store, ulong index, TxnOp op, List<TxnResult> results)
    {
        if (op.KV is not { } kv)
        {
            throw new ConsulHttpException(op.Node is null && op.Service is null && op.Check is null
                ? "no operation given"
                : "Node, Service and Check operations are not supported by the dev agent");
        }

        var key = kv.Key ?? "";
        var session = kv.Session ?? "";
        KvEntry? entry = null;
        switch (kv.Verb)
        {
            case "set":
                entry = store.KvSet(index, key, kv.Value, kv.Flags);
                break;
            case "cas":
                entry = store.KvCas(index, key, kv.Value, kv.Flags, kv.Index)
                    ?? throw Fail($"failed to set key \"{key}\", index is stale");
                break;
            case "lock":
                if (store.IsLockDelayed(key))
                {
                    throw Fail($"failed to lock key \"{key}\" due to lock delay");
                }

                entry = store.KvLock(index, key, kv.Value, kv.Flags, session)
                    ?? throw Fail($"failed to lock key \"{key}\", lock is already held");
                break;
            case "unlock":
                entry = store.KvUnlock(index, key, kv.Value, kv.Flags, session)
                    ?? throw Fail($"failed to unlock key \"{key}\", lock isn't held, or is held by another session");
                break;
            case "get":
                var found = store.KvGet(key) ?? throw Fail($"key \"{key}\" doesn't exist");
                results.Add(new TxnResult(found));
                return;
            case "get-or-empty":
                entry = store.KvGet(key) ?? new KvEntry { Key = key };
                break;
            case "get-tree":
                results.AddRange(store.KvList(key).Select(e => new TxnResult(e)));
                return;
            case "check-index":
                entry = store.KvGet(key) ?? throw Fail($"failed to check index, key \"{key}\" doesn't exist");
                if (entry.ModifyIndex != kv.Index)
                {
                    throw Fail($"failed to check index, key \"{key}\" has a modify index of {entry.ModifyIndex}, not {kv.Index}");
                }

                break;
            case "check-session":
                entry = store.KvGet(key) ?? throw Fail($"failed to check session, key \"{key}\" doesn't exist");
                if ((entry.Session ?? "") != session)
                {
                    throw Fail($"failed to check session, key \"{key}\" held by session \"{entry.Session}\", not \"{session}\"");
                }

                break;
            case "check-not-exists":
                if (store.KvGet(key) is not null)
                {
                    throw Fail($"key \"{key}\" exists");
                }

                return;
            case "delete":
                store.KvDelete(index, key);
                return;
            case "delete-tree":
                store.KvDeleteTree(index, key);
                return;
            case "delete-cas":
                if (!store.KvDeleteCas(index, key, kv.Index))
                {
                    throw Fail($"failed to delete key \"{key}\", index is stale");
                }

                return;
            default:
                throw Fail($"unknown KV verb \"{kv.Verb}\"");
        }

        // Only get and get-tree return values.
        results.Add(new TxnResult(entry with { Value = null }));
    }

    private static ConsulHttpException Fail(string what) => new(409, what);

    private static async Task HandleAsync(ApiRequest request)
    {
        var length = request.Http.Request.ContentLength;
        if (length > TxnValidation.MaxRequestLength)
        {
            throw new ConsulHttpException(
                413,
                $"Request body({length} bytes) too large, max size: {TxnValidation.MaxRequestLength} bytes. See https://developer.hashicorp.com/docs/agent/config/config-files#txn_max_req_len.");
        }

        var body = await request.ReadBodyAsync();
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
            var query = QueryOptions.Parse(request.Query);
            (response, var index) = store.Read(() => (Execute(store, 0, ops), store.KvTableIndex));
            request.SetMeta(index, query);
        }
        else
        {
            response = store.Write(index => Execute(store, index, ops));
        }

        await request.WriteJsonAsync(response, response.Errors is null ? 200 : 409);
    }
}
