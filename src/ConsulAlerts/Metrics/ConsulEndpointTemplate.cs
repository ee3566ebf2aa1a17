namespace ConsulAlerts.Metrics;

/// <summary>
/// Turns a Consul request path into a bounded label: KV keys, node, service, session and event names become <c>*</c>,
/// so the label set stays small and never carries a key name or an ID. Paths the daemon does not use become <c>other</c>.
/// </summary>
internal static class ConsulEndpointTemplate
{
    public const string Other = "other";

    // Endpoints whose path ends in one name or key (kept as "<prefix>*"): the name is data, never part of the label.
    private static readonly string[] WithParameter =
    [
        "/v1/kv/",
        "/v1/health/state/",
        "/v1/health/node/",
        "/v1/health/checks/",
        "/v1/health/service/",
        "/v1/catalog/node/",
        "/v1/catalog/service/",
        "/v1/event/fire/",
        "/v1/session/info/",
        "/v1/session/renew/",
        "/v1/session/destroy/",
        "/v1/session/node/",
        "/v1/agent/check/pass/",
        "/v1/agent/check/warn/",
        "/v1/agent/check/fail/",
        "/v1/agent/check/update/",
        "/v1/agent/check/deregister/",
        "/v1/agent/service/deregister/",
    ];

    private static readonly HashSet<string> Fixed = new(StringComparer.Ordinal)
    {
        "/v1/txn",
        "/v1/event/list",
        "/v1/session/create",
        "/v1/session/list",
        "/v1/status/leader",
        "/v1/status/peers",
        "/v1/agent/self",
        "/v1/agent/members",
        "/v1/agent/check/register",
        "/v1/agent/service/register",
        "/v1/catalog/nodes",
        "/v1/catalog/services",
        "/v1/catalog/register",
        "/v1/catalog/deregister",
    };

    /// <summary>The template of <paramref name="path"/>, with or without a leading slash; a query string is ignored.</summary>
    public static string For(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        int query = path.IndexOf('?', StringComparison.Ordinal);
        string clean = query >= 0 ? path[..query] : path;
        clean = clean.StartsWith('/') ? clean : "/" + clean;
        if (Fixed.Contains(clean))
        {
            return clean;
        }

        foreach (var prefix in WithParameter)
        {
            if (clean.StartsWith(prefix, StringComparison.Ordinal))
            {
                return prefix + "*";
            }
        }

        // The KV root itself (a recursive read of every key) has no key after the slash.
        return clean == "/v1/kv" ? "/v1/kv/*" : Other;
    }
}
