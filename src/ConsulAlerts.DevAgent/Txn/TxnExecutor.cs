using ConsulAlerts.DevAgent.Catalog;
using ConsulAlerts.DevAgent.Health;
using ConsulAlerts.DevAgent.Http;
using ConsulAlerts.DevAgent.Kv;
using ConsulAlerts.DevAgent.State;

namespace ConsulAlerts.DevAgent.Txn;

/// <summary>
/// Applies a transaction under the store lock (Consul's txnDispatch): every operation runs, every error is collected, and
/// any error rolls the whole transaction back. KV-only transactions roll back with an undo log; ones that touch the
/// catalog restore a copy of the store.
/// </summary>
internal static class TxnExecutor
{
    /// <param name="store">The store, locked by the caller.</param>
    /// <param name="index">The index of the write (0 on the read-only path).</param>
    /// <param name="ops">The decoded operations.</param>
    /// <param name="offerGetOrEmpty">Whether the <c>get-or-empty</c> verb exists (Consul 1.14 and later).</param>
    public static TxnResponse Execute(StateStore store, ulong index, IReadOnlyList<TxnOp> ops, bool offerGetOrEmpty = true)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(ops);
        var results = new List<TxnResult>();
        var errors = new List<TxnError>();
        var touchesCatalog = ops.Any(op => op.KV is null);
        var snapshot = touchesCatalog ? store.CaptureSnapshot() : null;
        if (!touchesCatalog)
        {
            store.BeginKvTransaction();
        }

        try
        {
            for (var i = 0; i < ops.Count; i++)
            {
                try
                {
                    Apply(store, index, ops[i], results, offerGetOrEmpty);
                }
                catch (ConsulHttpException ex)
                {
                    errors.Add(new TxnError(i, ex.Message));
                }
            }
        }
        finally
        {
            if (snapshot is not null)
            {
                if (errors.Count > 0)
                {
                    store.RestoreSnapshot(snapshot);
                }
            }
            else if (errors.Count > 0)
            {
                store.RollbackKvTransaction();
            }
            else
            {
                store.CommitKvTransaction();
            }
        }

        return errors.Count > 0 ? new TxnResponse(null, errors) : new TxnResponse(results, null);
    }

    private static void Apply(StateStore store, ulong index, TxnOp op, List<TxnResult> results, bool offerGetOrEmpty)
    {
        if (op.KV is { } kv)
        {
            ApplyKv(store, index, kv, results, offerGetOrEmpty);
        }
        else if (op.Node is { } node)
        {
            ApplyNode(store, index, node, results);
        }
        else if (op.Service is { } service)
        {
            ApplyService(store, index, service, results);
        }
        else if (op.Check is { } check)
        {
            ApplyCheck(store, index, check, results);
        }


        // An operation with none of KV, Node, Service or Check does nothing and yields no result, as in Consul.
    }

    private static void ApplyKv(StateStore store, ulong index, TxnKvOp kv, List<TxnResult> results, bool offerGetOrEmpty)
    {
        var key = kv.Key ?? "";
        var session = kv.Session ?? "";
        if (key.Length == 0 && kv.Verb is not "delete-tree" && TxnValidation.WriteVerbs.Contains(kv.Verb, StringComparer.Ordinal))
        {
            throw Fail("Must provide key");
        }

        KvEntry? entry;
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
                results.Add(new TxnResult { KV = store.KvGet(key) ?? throw Fail($"key \"{key}\" doesn't exist") });
                return;
            case "get-or-empty" when offerGetOrEmpty:
                results.Add(new TxnResult { KV = store.KvGet(key) ?? new KvEntry { Key = key } });
                return;
            case "get-tree":
                results.AddRange(store.KvList(key).Select(e => new TxnResult { KV = e }));
                return;
            case "check-index":
                entry = store.KvGet(key) ?? throw Fail($"failed to check index, key \"{key}\" doesn't exist");
                if (entry.ModifyIndex != kv.Index)
                {
                    throw Fail($"failed index check for key \"{key}\", current modify index {entry.ModifyIndex} != {kv.Index}");
                }

                break;
            case "check-session":
                entry = store.KvGet(key) ?? throw Fail($"failed to check session, key \"{key}\" doesn't exist");
                if ((entry.Session ?? "") != session)
                {
                    throw Fail($"failed session check for key \"{key}\", current session \"{entry.Session}\" != \"{session}\"");
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

        // Only the get verbs return values.
        results.Add(new TxnResult { KV = entry with { Value = null } });
    }

    private static void ApplyNode(StateStore store, ulong index, TxnNodeOp op, List<TxnResult> results)
    {
        var spec = op.Node ?? new TxnNode();
        var name = spec.Node ?? "";
        var existing = store.GetNode(name);
        switch (op.Verb)
        {
            case "get":
                results.Add(new TxnResult { Node = existing ?? throw Fail($"node \"{name}\" doesn't exist") });
                return;
            case "set":
            case "cas":
                if (op.Verb == "cas" && !CasMatches(spec.ModifyIndex, existing?.ModifyIndex))
                {
                    throw Fail($"failed to set node \"{name}\", index is stale");
                }

                if (name.Length == 0)
                {
                    throw Fail("Must provide node");
                }

                store.EnsureNode(index, new NodeEntry
                {
                    ID = spec.ID ?? "",
                    Node = name,
                    Address = spec.Address ?? "",
                    TaggedAddresses = spec.TaggedAddresses,
                    Meta = spec.Meta,
                });
                results.Add(new TxnResult { Node = store.GetNode(name) });
                return;
            case "delete":
                store.DeleteNode(index, name);
                return;
            case "delete-cas":
                if (existing is null || existing.ModifyIndex != spec.ModifyIndex)
                {
                    throw Fail($"failed to delete node \"{name}\", index is stale");
                }

                store.DeleteNode(index, name);
                return;
            default:
                throw Fail($"unknown Node verb \"{op.Verb}\"");
        }
    }

    private static void ApplyService(StateStore store, ulong index, TxnServiceOp op, List<TxnResult> results)
    {
        var spec = op.Service ?? new TxnService();
        var node = op.Node ?? "";
        var id = string.IsNullOrEmpty(spec.ID) ? spec.Service ?? "" : spec.ID;
        var existing = store.GetService(node, id);
        switch (op.Verb)
        {
            case "get":
                results.Add(new TxnResult { Service = existing ?? throw Fail($"service \"{id}\" on node \"{node}\" doesn't exist") });
                return;
            case "set":
            case "cas":
                if (op.Verb == "cas" && !CasMatches(spec.ModifyIndex, existing?.ModifyIndex))
                {
                    throw Fail($"failed to set service \"{id}\" on node \"{node}\", index is stale");
                }

                if (string.IsNullOrEmpty(spec.Service))
                {
                    throw Fail("Must provide service name");
                }

                store.EnsureService(index, node, new ServiceEntry
                {
                    ID = id,
                    Service = spec.Service,
                    Tags = spec.Tags ?? [],
                    Address = spec.Address ?? "",
                    Meta = spec.Meta ?? [],
                    Port = spec.Port,
                    Weights = spec.Weights ?? new ServiceWeights(),
                    EnableTagOverride = spec.EnableTagOverride,
                });
                results.Add(new TxnResult { Service = store.GetService(node, id) });
                return;
            case "delete":
                store.DeleteService(index, node, id);
                return;
            case "delete-cas":
                if (existing is null || existing.ModifyIndex != spec.ModifyIndex)
                {
                    throw Fail($"failed to delete service \"{id}\" on node \"{node}\", index is stale");
                }

                store.DeleteService(index, node, id);
                return;
            default:
                throw Fail($"unknown Service verb \"{op.Verb}\"");
        }
    }

    private static void ApplyCheck(StateStore store, ulong index, TxnCheckOp op, List<TxnResult> results)
    {
        var spec = op.Check ?? new TxnCheck();
        var node = spec.Node ?? "";
        var id = spec.CheckID ?? "";
        var existing = store.GetCheck(node, id);
        switch (op.Verb)
        {
            case "get":
                results.Add(new TxnResult { Check = existing ?? throw Fail($"check \"{id}\" on node \"{node}\" doesn't exist") });
                return;
            case "set":
            case "cas":
                if (op.Verb == "cas" && !CasMatches(spec.ModifyIndex, existing?.ModifyIndex))
                {
                    throw Fail($"failed to set check \"{id}\" on node \"{node}\", index is stale");
                }

                if (!string.IsNullOrEmpty(spec.Status) && !HealthStatus.IsValid(spec.Status))
                {
                    throw Fail($"Invalid check status: '{spec.Status}'");
                }

                store.EnsureCheck(index, new HealthCheck
                {
                    Node = node,
                    CheckID = id,
                    Name = spec.Name ?? "",
                    Status = spec.Status ?? "",
                    Notes = spec.Notes ?? "",
                    Output = spec.Output ?? "",
                    ServiceID = spec.ServiceID ?? "",
                    Type = spec.Type ?? "",
                });
                results.Add(new TxnResult { Check = store.GetCheck(node, id) });
                return;
            case "delete":
                store.DeleteCheck(index, node, id);
                return;
            case "delete-cas":
                if (existing is null || existing.ModifyIndex != spec.ModifyIndex)
                {
                    throw Fail($"failed to delete check \"{id}\" on node \"{node}\", index is stale");
                }

                store.DeleteCheck(index, node, id);
                return;
            default:
                throw Fail($"unknown Check verb \"{op.Verb}\"");
        }
    }

    /// <summary>CAS rule shared by Consul's ensure*CASTxn: 0 means "must not exist", otherwise the index must match.</summary>
    private static bool CasMatches(ulong expected, ulong? current) =>
        expected == 0 ? current is null : current == expected;

    private static ConsulHttpException Fail(string what) => new(409, what);
}
