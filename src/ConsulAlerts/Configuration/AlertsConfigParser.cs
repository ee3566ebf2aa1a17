using ConsulAlerts.Consul.Kv;

namespace ConsulAlerts.Configuration;

/// <summary>
/// Turns the KV pairs under <c>&lt;prefix&gt;/config/</c> into an <see cref="AlertsConfig"/>. Pure and total: a value
/// that does not parse (or a part of which does not) keeps the key's last good value from the previous snapshot, or its
/// default when it never had one, and becomes a <see cref="ConfigError"/> naming the full key that says which; nothing
/// throws for bad input, and one bad key never disables the rest. Error messages never quote a value, nor any part of one (a
/// password pasted into the wrong key stays secret): they name the key, positions and names the daemon itself knows.
/// </summary>
internal sealed class AlertsConfigParser
{
    private static readonly IReadOnlyDictionary<string, byte[]> NoValues = new Dictionary<string, byte[]>(StringComparer.Ordinal);
    private const string KeptLastGood = "the last good value of this key is kept";

    private readonly string _root;
    private readonly ConfigValueReader _reader = new();
    private readonly NotifierSettingsParser _notifiers;
    private readonly SelectionParser _selection;
    private readonly BlacklistParser _blacklist;
    private readonly InhibitRuleParser _inhibit;
    private readonly ClusterHealthParser _clusterHealth;
    private readonly Dictionary<string, TimeSpan> _single = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _byCheck = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _byService = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _byNode = new(StringComparer.Ordinal);
    private readonly List<(string Key, string Name, string Text)> _profileTexts = [];
    private bool _checksEnabled = true;
    private bool _maintenanceMutes = true;
    private TimeSpan _changeThreshold = ChecksConfig.DefaultChangeThreshold;
    private TimeSpan _groupWait = ChecksConfig.DefaultGroupWait;
    private bool _eventsEnabled = true;
    private IReadOnlyList<string> _handlers = [];
    private TimeSpan _silenceRetention = SilencesConfig.DefaultRetention;

    private AlertsConfigParser(string root)
    {
        _root = root;
        _notifiers = new NotifierSettingsParser(_reader);
        _selection = new SelectionParser(_reader);
        _blacklist = new BlacklistParser(_reader);
        _inhibit = new InhibitRuleParser(_reader);
        _clusterHealth = new ClusterHealthParser(_reader);
    }

    /// <summary>The KV prefix that holds the configuration, e.g. <c>consul-alerts/config/</c>.</summary>
    public static string ConfigRoot(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return new Storage.KvLayout(prefix).Config;
    }

    /// <summary>Parses the pairs of one recursive read of <see cref="ConfigRoot"/>.</summary>
    /// <param name="pairs">The KV pairs, keys with the full prefix; values may be null or empty.</param>
    /// <param name="prefix">The daemon's KV prefix, e.g. <c>consul-alerts</c>.</param>
    /// <param name="revision">The KV index of the read, kept as <see cref="AlertsConfig.Revision"/>.</param>
    /// <param name="previous">The snapshot in force, whose good values stand in for values that no longer parse; null for none.</param>
    public static AlertsConfig Parse(IEnumerable<KvPair> pairs, string prefix, ulong revision, AlertsConfig? previous = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var root = ConfigRoot(prefix);
        var read = pairs.Where(p => p.Key.StartsWith(root, StringComparison.Ordinal)).ToList();
        var (parser, config) = Run(root, read, revision);

        // A key whose value is at fault gets its last good value back, and the snapshot is parsed again with it; a
        // problem of the key or of what it refers to is only reported.
        var bad = parser._reader.Problems.Where(p => p.OfTheValue).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var lastGood = previous?.GoodValues ?? NoValues;
        var standIns = bad.Where(lastGood.ContainsKey).ToHashSet(StringComparer.Ordinal);
        var problems = parser._reader.Problems;
        if (standIns.Count > 0)
        {
            (var second, config) = Run(root, [.. read.Select(p => standIns.Contains(p.Key) ? p with { Value = lastGood[p.Key] } : p)], revision);
            problems = [.. second._reader.Problems, .. parser._reader.Problems.Where(p => p.OfTheValue && standIns.Contains(p.Key)).Select(p => p with { Consequence = KeptLastGood })];
        }

        var good = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var pair in read)
        {
            if (standIns.Contains(pair.Key))
            {
                good[pair.Key] = lastGood[pair.Key];
            }
            else if (!bad.Contains(pair.Key))
            {
                good[pair.Key] = pair.Value ?? [];
            }
        }

        return config with { Errors = ConfigProblemReport.Errors(root, problems), GoodValues = good };
    }

    private static (AlertsConfigParser Parser, AlertsConfig Config) Run(string root, IReadOnlyList<KvPair> pairs, ulong revision)
    {
        var parser = new AlertsConfigParser(root);
        foreach (var pair in pairs)
        {
            parser.ParsePair(pair.Key, pair.Value);
        }

        return (parser, parser.Build(revision));
    }

    private void ParsePair(string key, byte[]? value)
    {
        // Keys outside the config root are not ours; directory markers (folders made in the UI) carry nothing.
        if (!key.StartsWith(_root, StringComparison.Ordinal) || key.EndsWith('/'))
        {
            return;
        }

        var segments = key[_root.Length..].Split('/');
        if (segments.Any(s => s.Length == 0))
        {
            _reader.Unknown(key);
            return;
        }

        switch (segments[0])
        {
            case "checks":
                ParseChecks(key, segments, value);
                break;
            case "events":
                ParseEvents(key, segments, value);
                break;
            case "notifiers":
                _notifiers.Parse(key, segments, value);
                break;
            case "notif-profiles":
                if (_reader.Admit("notif-profiles/", ConfigLimits.MaxProfiles) && _reader.TryText(key, value, out var profile))
                {
                    // Profiles are read last: their notifier names may refer to custom notifiers defined after them.
                    _profileTexts.Add((key, ConfigValueReader.Join(segments, 1, segments.Length), profile));
                }

                break;
            case "notif-selection":
                _selection.Parse(key, segments, value);
                break;
            case "inhibit" when segments.Length == 2:
                _inhibit.Parse(key, segments[1], value);
                break;
            case "silences":
                ParseSilences(key, segments, value);
                break;
            default:
                _reader.Unknown(key);
                break;
        }
    }

    private void ParseChecks(string key, string[] s, byte[]? value)
    {
        const string Threshold = "change-threshold";
        switch (s)
        {
            case [_, "enabled"]:
                if (_reader.TryText(key, value, out var enabled) && _reader.TryBool(key, enabled, _checksEnabled, out var on))
                {
                    _checksEnabled = on;
                }

                break;
            case [_, "maintenance-mutes"]:
                if (_reader.TryText(key, value, out var mutes) && _reader.TryBool(key, mutes, _maintenanceMutes, out var mute))
                {
                    _maintenanceMutes = mute;
                }

                break;
            case [_, Threshold]:
                if (_reader.TryText(key, value, out var global) && _reader.TrySeconds(key, global, _changeThreshold, out var threshold))
                {
                    _changeThreshold = threshold;
                }

                break;
            case [_, "group-wait"]:
                if (_reader.TryText(key, value, out var wait) && _reader.TryGroupWait(key, wait, "value", "the default 2s is used", out var groupWait))
                {
                    _groupWait = groupWait;
                }

                break;
            case [_, "single", var node, var service, _, .., Threshold]:
                AddOverride(_single, key, ThresholdOverrides.SingleKey(node, service, ConfigValueReader.Join(s, 4, s.Length - 1)), value);
                break;
            case [_, "check", _, .., Threshold]:
                AddOverride(_byCheck, key, ConfigValueReader.Join(s, 2, s.Length - 1), value);
                break;
            case [_, "service", _, .., Threshold]:
                AddOverride(_byService, key, ConfigValueReader.Join(s, 2, s.Length - 1), value);
                break;
            case [_, "node", _, .., Threshold]:
                AddOverride(_byNode, key, ConfigValueReader.Join(s, 2, s.Length - 1), value);
                break;
            case [_, "blacklist", ..]:
                _blacklist.Parse(key, s, value);
                break;
            case [_, "consul-health", _, ..]:
                _clusterHealth.Parse(key, s.AsSpan(2), value);
                break;
            default:
                _reader.Unknown(key);
                break;
        }
    }

    private void AddOverride(Dictionary<string, TimeSpan> target, string key, string id, byte[]? value)
    {
        // The folder: checks/<kind>/.
        var folder = key[_root.Length..(key.IndexOf('/', _root.Length + "checks/".Length) + 1)];
        if (_reader.Admit(folder) && _reader.TryText(key, value, out var text) && _reader.TrySeconds(key, text, null, out var threshold))
        {
            target[id] = threshold;
        }
    }

    private void ParseEvents(string key, string[] s, byte[]? value)
    {
        switch (s)
        {
            case [_, "enabled"]:
                if (_reader.TryText(key, value, out var enabled) && _reader.TryBool(key, enabled, _eventsEnabled, out var on))
                {
                    _eventsEnabled = on;
                }

                break;
            case [_, "handlers"]:
                if (_reader.TryText(key, value, out var text) && _reader.TryStringArray(key, text, "executable paths", out var handlers))
                {
                    _handlers = handlers;
                }

                break;
            default:
                _reader.Unknown(key);
                break;
        }
    }

    private void ParseSilences(string key, string[] s, byte[]? value)
    {
        if (s is not [_, "retention"])
        {
            _reader.Unknown(key);
            return;
        }

        if (_reader.TryText(key, value, out var text) &&
            _reader.TryDuration(key, text, SilencesConfig.DefaultRetention, SilencesConfig.MaxRetention, out var retention))
        {
            _silenceRetention = retention;
        }
    }

    private AlertsConfig Build(ulong revision)
    {
        _reader.ReportFolderLimits(_root);
        var profiles = new ProfileParser(_reader, _notifiers);
        foreach (var (key, name, text) in _profileTexts)
        {
            profiles.Parse(key, name, text);
        }

        _selection.ReportUndefinedProfiles(profiles.Profiles);
        return new AlertsConfig
        {
            Revision = revision,
            Checks = new ChecksConfig
            {
                Enabled = _checksEnabled,
                MaintenanceMutes = _maintenanceMutes,
                ChangeThreshold = _changeThreshold,
                GroupWait = _groupWait,
                ClusterHealth = _clusterHealth.Build(),
                Overrides = new ThresholdOverrides { Single = _single, Check = _byCheck, Service = _byService, Node = _byNode },
            },
            Events = new EventsConfig { Enabled = _eventsEnabled, Handlers = _handlers },
            Silences = new SilencesConfig { Retention = _silenceRetention },
            Notifiers = _notifiers.Build(),
            CustomNotifiers = _notifiers.Custom,
            Profiles = profiles.Profiles,
            Selection = _selection.Build(),
            Blacklist = _blacklist.Build(),
            InhibitRules = _inhibit.Build(),
            PatternTimeouts = _reader.PatternTimeouts,
        };
    }
}
