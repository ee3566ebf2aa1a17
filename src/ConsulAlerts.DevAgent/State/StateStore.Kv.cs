using ConsulAlerts.DevAgent.Http;
using ConsulAlerts.DevAgent.Kv;

namespace ConsulAlerts.DevAgent.State;

/// <summary>The KV table, its tombstones (for list indexes after deletes) and lock-delays.</summary>
internal sealed partial class StateStore
{
    private readonly Dictionary<string, KvEntry> _kv = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _kvKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ulong> _tombstones = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _tombstoneKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lockDelays = new(StringComparer.Ordinal);
    private List<Action>? _undo;
    private (ulong Kvs, ulong Tombstones) _undoIndexes;

    /// <summary>Max index of the KV table including deletions.</summary>
    public ulong KvTableIndex => Math.Max(Max(_kvsIndex, _tombstonesIndex), 1);

    public KvEntry? KvGet(string key) => _kv.GetValueOrDefault(key);

    public List<KvEntry> KvList(string prefix) => [.. KeysWithPrefix(_kvKeys, prefix).Select(k => _kv[k])];

    /// <summary>Index of a recursive read: highest ModifyIndex in the subtree, tombstones included (Consul's kvsListTxn).</summary>
    public ulong KvListIndex(string prefix, List<KvEntry> entries)
    {
        if (prefix.Length == 0)
        {
            return KvTableIndex;
        }

        ulong max = 0;
        foreach (var entry in entries)
        {
            max = Math.Max(max, entry.ModifyIndex);
        }

        foreach (var key in KeysWithPrefix(_tombstoneKeys, prefix))
        {
            max = Math.Max(max, _tombstones[key]);
        }

        return max == 0 ? KvTableIndex : max;
    }

    public bool IsLockDelayed(string key)
    {
        if (!_lockDelays.TryGetValue(key, out var until))
        {
            return false;
        }

        if (until > Time.GetUtcNow())
        {
            return true;
        }

        _lockDelays.Remove(key);
        return false;
    }

    public KvEntry KvSet(ulong index, string key, byte[]? value, ulong flags)
    {
        var existing = KvGet(key);
        var entry = new KvEntry
        {
            Key = key,
            Value = value is { Length: > 0 } ? value : null,
            Flags = flags,
            CreateIndex = existing?.CreateIndex ?? index,
            ModifyIndex = index,
            LockIndex = existing?.LockIndex ?? 0,
            Session = existing?.Session,
        };
        PutEntry(entry);
        _kvsIndex = index;
        _kvDirty = true;
        return entry;
    }

    /// <summary>Writes only when the key's ModifyIndex equals <paramref name="cas"/>; 0 means "only if absent".</summary>
    public KvEntry? KvCas(ulong index, string key, byte[]? value, ulong flags, ulong cas)
    {
        var existing = KvGet(key);
        if ((cas == 0 && existing is not null) || (cas != 0 && (existing is null || existing.ModifyIndex != cas)))
        {
            return null;
        }

        return KvSet(index, key, value, flags);
    }

    /// <summary>Acquires the key for a session; null when held by another session or under lock-delay.</summary>
    public KvEntry? KvLock(ulong index, string key, byte[]? value, ulong flags, string session)
    {
        if (IsLockDelayed(key))
        {
            return null;
        }

        if (!_sessions.ContainsKey(session))
        {
            throw new ConsulHttpException(500, $"invalid session \"{session}\"");
        }

        var existing = KvGet(key);
        ulong lockIndex;
        if (existing?.Session == session)
        {
            lockIndex = existing.LockIndex;
        }
        else if (!string.IsNullOrEmpty(existing?.Session))
        {
            return null;
        }
        else
        {
            lockIndex = (existing?.LockIndex ?? 0) + 1;
        }

        var entry = KvSet(index, key, value, flags) with { Session = session, LockIndex = lockIndex };
        PutEntry(entry);
        return entry;
    }

    /// <summary>Releases the key if <paramref name="session"/> holds it; null otherwise.</summary>
    public KvEntry? KvUnlock(ulong index, string key, byte[]? value, ulong flags, string session)
    {
        var existing = KvGet(key);
        if (existing is null || existing.Session != session)
        {
            return null;
        }

        var entry = KvSet(index, key, value, flags) with { Session = null };
        PutEntry(entry);
        return entry;
    }

    public bool KvDelete(ulong index, string key)
    {
        if (!_kv.ContainsKey(key))
        {
            return false;
        }

        RemoveEntry(key);
        SetTombstone(key, index);
        _kvsIndex = index;
        _tombstonesIndex = index;
        _kvDirty = true;
        return true;
    }

    /// <summary>Deletes only at a matching ModifyIndex; a missing key counts as success, <c>cas=0</c> never deletes.</summary>
    public bool KvDeleteCas(ulong index, string key, ulong cas)
    {
        var existing = KvGet(key);
        if (existing is null)
        {
            return true;
        }

        return existing.ModifyIndex == cas && KvDelete(index, key);
    }

    public bool KvDeleteTree(ulong index, string prefix)
    {
        var keys = KeysWithPrefix(_kvKeys, prefix).ToArray();
        foreach (var key in keys)
        {
            KvDelete(index, key);
        }

        return keys.Length > 0;
    }

    /// <summary>Starts recording undo steps so a failed transaction can roll back every KV write.</summary>
    public void BeginKvTransaction()
    {
        _undo = [];
        _undoIndexes = (_kvsIndex, _tombstonesIndex);
    }

    public void CommitKvTransaction() => _undo = null;

    public void RollbackKvTransaction()
    {
        var undo = _undo ?? [];
        _undo = null;
        for (var i = undo.Count - 1; i >= 0; i--)
        {
            undo[i]();
        }

        (_kvsIndex, _tombstonesIndex) = _undoIndexes;
    }

    private static SortedSet<string> KeysWithPrefix(SortedSet<string> keys, string prefix) =>
        prefix.Length == 0 ? keys : keys.GetViewBetween(prefix, prefix + char.MaxValue);

    private void PutEntry(KvEntry entry)
    {
        var previous = KvGet(entry.Key);
        _undo?.Add(previous is null ? () => RemoveEntryRaw(entry.Key) : () => PutEntryRaw(previous));
        PutEntryRaw(entry);
    }

    private void RemoveEntry(string key)
    {
        var previous = KvGet(key);
        if (previous is not null)
        {
            _undo?.Add(() => PutEntryRaw(previous));
            RemoveEntryRaw(key);
        }
    }

    private void SetTombstone(string key, ulong index)
    {
        var had = _tombstones.TryGetValue(key, out var previous);
        _undo?.Add(() =>
        {
            if (had)
            {
                _tombstones[key] = previous;
            }
            else
            {
                _tombstones.Remove(key);
                _tombstoneKeys.Remove(key);
            }
        });
        _tombstones[key] = index;
        _tombstoneKeys.Add(key);
    }

    private void PutEntryRaw(KvEntry entry)
    {
        RemoveEntryRaw(entry.Key);
        _kv[entry.Key] = entry;
        _kvKeys.Add(entry.Key);
        if (!string.IsNullOrEmpty(entry.Session))
        {
            GetOrAdd(_sessionKeys, entry.Session).Add(entry.Key);
        }
    }

    private void RemoveEntryRaw(string key)
    {
        if (!_kv.Remove(key, out var previous))
        {
            return;
        }

        _kvKeys.Remove(key);
        if (!string.IsNullOrEmpty(previous.Session)
            && _sessionKeys.TryGetValue(previous.Session, out var held)
            && held.Remove(key)
            && held.Count == 0)
        {
            _sessionKeys.Remove(previous.Session);
        }
    }
}
