using ConsulAlerts.Consul;

namespace ConsulAlerts.Configuration;

/// <summary>
/// Reads <c>checks/consul-health/*</c>: <c>enabled</c>, <c>interval</c>, <c>unreachable-after</c>, <c>peers-hold</c> and
/// <c>&lt;check-id&gt;/enabled</c> for each of <see cref="ClusterHealthConfig.CheckIds"/>. A bad value keeps the default
/// and is reported with its key.
/// </summary>
internal sealed class ClusterHealthParser(ConfigValueReader reader)
{
    private readonly HashSet<string> _disabled = new(StringComparer.Ordinal);
    private bool _enabled = true;
    private TimeSpan _interval = ClusterHealthConfig.DefaultInterval;
    private TimeSpan _unreachableAfter = ClusterHealthConfig.DefaultUnreachableAfter;
    private TimeSpan _peersHold = ClusterHealthConfig.DefaultPeersHold;

    /// <summary>Reads one key; <paramref name="s"/> are the segments after <c>checks/consul-health/</c>.</summary>
    public void Parse(string key, ReadOnlySpan<string> s, byte[]? value)
    {
        if (!reader.TryText(key, value, out var text))
        {
            return;
        }

        switch (s)
        {
            case ["enabled"]:
                if (reader.TryBool(key, text, true, out var on))
                {
                    _enabled = on;
                }

                break;
            case ["interval"]:
                _interval = Duration(key, text, ClusterHealthConfig.DefaultInterval, ClusterHealthConfig.MinInterval, ClusterHealthConfig.MaxInterval);
                break;
            case ["unreachable-after"]:
                _unreachableAfter = Duration(key, text, ClusterHealthConfig.DefaultUnreachableAfter, ClusterHealthConfig.MinInterval, ClusterHealthConfig.MaxUnreachableAfter);
                break;
            case ["peers-hold"]:
                _peersHold = Duration(key, text, ClusterHealthConfig.DefaultPeersHold, ClusterHealthConfig.MinInterval, ClusterHealthConfig.MaxUnreachableAfter);
                break;
            case [var check, "enabled"] when ClusterHealthConfig.CheckIds.Contains(check):
                if (reader.TryBool(key, text, true, out var checkOn) && !checkOn)
                {
                    _disabled.Add(check);
                }

                break;
            default:
                reader.Unknown(key);
                break;
        }
    }

    public ClusterHealthConfig Build() =>
        new() { Enabled = _enabled, Disabled = _disabled, Interval = _interval, UnreachableAfter = _unreachableAfter, PeersHold = _peersHold };

    private TimeSpan Duration(string key, string text, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        var instead = $"the default {GoDuration.ToText(fallback)} is used";
        if (!GoDuration.TryParse(text, out var value))
        {
            reader.Error(key, "value is not a Go duration (e.g. 10s, 1m30s)", instead);
            return fallback;
        }

        if (value < min || value > max)
        {
            reader.Error(key, $"value must be from {GoDuration.ToText(min)} to {GoDuration.ToText(max)}", instead);
            return fallback;
        }

        return value;
    }
}
