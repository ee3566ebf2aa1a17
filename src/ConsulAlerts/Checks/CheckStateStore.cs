using System.Text.Json;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Consul.Queries;
using ConsulAlerts.Storage;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Checks;

/// <summary>
/// Check state in Consul KV at <c>&lt;prefix&gt;/checks/&lt;node&gt;/&lt;serviceID|_&gt;/&lt;checkID&gt;</c>, in the Go
/// daemon's JSON, read with one recursive list. The leader's state writer stores it (<see cref="Storage.StateWriter"/>);
/// <see cref="Serialize"/> is the stored form.
/// </summary>
internal sealed class CheckStateStore : ICheckStateStore
{
    private readonly ConsulClient _client;
    private readonly ILogger _logger;

    /// <param name="client">The Consul client.</param>
    /// <param name="kvPrefix">The daemon's KV prefix (<c>consul-alerts</c> by default).</param>
    /// <param name="logger">Where unreadable entries are reported.</param>
    public CheckStateStore(ConsulClient client, string kvPrefix, ILogger<CheckStateStore> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(kvPrefix);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _logger = logger;
        Prefix = new KvLayout(kvPrefix).Checks;
    }

    /// <summary>The KV prefix of check state, with a trailing slash, e.g. <c>consul-alerts/checks/</c>.</summary>
    public string Prefix { get; }

    /// <summary>
    /// The key of a check below <see cref="Prefix"/>: <c>&lt;node&gt;/&lt;serviceID|_&gt;/&lt;checkID&gt;</c> (the Go
    /// daemon's layout) for the agent's own datacenter, <c>&lt;dc&gt;/&lt;node&gt;/&lt;serviceID|_&gt;/&lt;checkID&gt;</c> for another.
    /// </summary>
    public static string KeyOf(CheckInfo check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Datacenter.Length == 0
            ? $"{check.Node}/{check.ServicePathSegment}/{check.CheckId}"
            : $"{check.Datacenter}/{check.Node}/{check.ServicePathSegment}/{check.CheckId}";
    }

    /// <summary>The stored form: the Go daemon's JSON, with the check's output, notes and name bounded (<see cref="CheckText"/>).</summary>
    public static byte[] Serialize(CheckState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var bounded = CheckText.Bound(state.HealthCheck);
        return JsonSerializer.SerializeToUtf8Bytes(
            ReferenceEquals(bounded, state.HealthCheck) ? state : state with { HealthCheck = bounded },
            CheckStateJsonContext.Default.CheckState);
    }

    /// <exception cref="JsonException">The value is not a check state.</exception>
    public static CheckState Deserialize(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, CheckStateJsonContext.Default.CheckState) ?? throw new JsonException("The state is null.");

    public async Task<IReadOnlyList<StoredCheckState>> LoadAsync(CancellationToken cancellationToken)
    {
        var pairs = await _client.Kv.ListAsync(Prefix, new QueryOptions { Consistency = ConsulConsistency.Consistent }, cancellationToken);
        return Decode(pairs.Value);
    }

    /// <summary>The check states among <paramref name="pairs"/> (a recursive read of <see cref="Prefix"/>); unreadable ones are logged and left out.</summary>
    public IReadOnlyList<StoredCheckState> Decode(IReadOnlyList<KvPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var states = new List<StoredCheckState>(pairs.Count);
        var pool = new CheckStringPool();
        foreach (var pair in pairs)
        {
            if (!pair.Key.StartsWith(Prefix, StringComparison.Ordinal) || pair.Value is not { Length: > 0 } value)
            {
                continue;
            }

            var key = pair.Key[Prefix.Length..];
            try
            {
                states.Add(new StoredCheckState(key, Normalize(Deserialize(value), key, pool)));
            }
            catch (JsonException ex)
            {
                CheckLog.StoredStateUnreadable(_logger, pair.Key, ex.Message);
            }
        }

        return states;
    }

    /// <summary>
    /// JSON nulls (never written by either daemon, but possible by hand) read as empty strings; service tags (written
    /// by this daemon, and by the Go daemon as part of the whole Consul check) are bounded and one list is shared by
    /// every check with the same tags, as in the health snapshot.
    /// </summary>
    private static CheckState Normalize(CheckState state, string key, CheckStringPool pool)
    {
        var check = state.HealthCheck ?? FromKey(key);
        return state with
        {
            Current = state.Current ?? "",
            Pending = state.Pending ?? "",
            HealthCheck = check with
            {
                Node = check.Node ?? "",
                CheckId = check.CheckId ?? "",
                Name = check.Name ?? "",
                Status = check.Status ?? "",
                Notes = check.Notes ?? "",
                Output = check.Output ?? "",
                ServiceId = check.ServiceId ?? "",
                ServiceName = check.ServiceName ?? "",
                ServiceTags = SharedTags(check.ServiceTags, pool),
            },
        };
    }

    private static IReadOnlyList<string> SharedTags(IReadOnlyList<string> tags, CheckStringPool pool)
    {
        if (tags.Count == 0)
        {
            return [];
        }

        var bounded = ServiceTagBounds.Bound(tags);
        var texts = new string[bounded.Count];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = pool.Get(bounded[i]);
        }

        return pool.GetTags(texts);
    }

    /// <summary>The check a key names, for a stored state without its HealthCheck object.</summary>
    private static CheckInfo FromKey(string key)
    {
        var parts = key.Split('/', 3);
        return parts.Length < 3
            ? new CheckInfo { CheckId = key }
            : new CheckInfo { Node = parts[0], ServiceId = parts[1] == "_" ? "" : parts[1], CheckId = parts[2] };
    }
}
