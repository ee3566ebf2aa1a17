using ConsulAlerts.Checks;

namespace ConsulAlerts.Muting;

/// <summary>
/// What one health read says about muting: the nodes and services in maintenance (their <c>_node_maintenance</c> and
/// <c>_service_maintenance:&lt;id&gt;</c> checks are present) and, per inhibition rule, the checks firing as its
/// source, indexed by the values of the rule's <c>equal</c> labels so that a target finds its sources in one lookup.
/// Immutable; built once per read (one pass, a few comparisons a check) and compared with the previous one, so that
/// muted checks are looked at again only when something here changed.
/// </summary>
internal sealed class MuteFacts
{
    private readonly HashSet<string> _nodes;
    private readonly HashSet<(string Node, string ServiceId)> _services;
    private readonly Dictionary<string, List<CheckKey>>[] _sources;
    private readonly HashSet<CheckKey>[] _sourceKeys;

    private MuteFacts(IReadOnlyList<InhibitRule> rules)
    {
        Rules = rules;
        _nodes = new HashSet<string>(StringComparer.Ordinal);
        _services = [];
        _sources = new Dictionary<string, List<CheckKey>>[rules.Count];
        _sourceKeys = new HashSet<CheckKey>[rules.Count];
        for (var i = 0; i < rules.Count; i++)
        {
            _sources[i] = new Dictionary<string, List<CheckKey>>(StringComparer.Ordinal);
            _sourceKeys[i] = [];
        }
    }

    /// <summary>No read yet: nothing in maintenance, no source firing.</summary>
    public static MuteFacts None { get; } = new([]);

    /// <summary>The rules the sources were found for.</summary>
    public IReadOnlyList<InhibitRule> Rules { get; }

    /// <summary>Nodes in maintenance.</summary>
    public int MaintenanceNodes => _nodes.Count;

    /// <summary>Checks firing as a source of some rule.</summary>
    public int FiringSources => _sourceKeys.Sum(s => s.Count);

    /// <summary>Reads <paramref name="checks"/> (a whole health read) for <paramref name="rules"/>.</summary>
    public static MuteFacts Build(IEnumerable<CheckInfo> checks, IReadOnlyList<InhibitRule> rules, string datacenter)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(rules);
        var facts = new MuteFacts(rules);
        foreach (var check in checks)
        {
            if (check.CheckId.Length > 0 && check.CheckId[0] == '_' && CheckStatus.IsMaintenance(check.CheckId))
            {
                if (check.CheckId == "_node_maintenance")
                {
                    facts._nodes.Add(NodeKey(check));
                }
                else
                {
                    facts._services.Add((NodeKey(check), check.CheckId["_service_maintenance:".Length..]));
                }
            }

            if (rules.Count == 0)
            {
                continue;
            }

            var subject = new AlertSubject(check, check.Status, datacenter);
            for (var i = 0; i < rules.Count; i++)
            {
                var rule = rules[i];
                if (!InhibitRule.SourceMatches(rule, subject))
                {
                    continue;
                }

                var equal = rule.EqualKey(subject);
                if (!facts._sources[i].TryGetValue(equal, out var sources))
                {
                    facts._sources[i][equal] = sources = [];
                }

                sources.Add(check.Key);
                facts._sourceKeys[i].Add(check.Key);
            }
        }

        return facts;
    }

    /// <summary>A node's identity across datacenters (node names may repeat across them); the name alone in the agent's own.</summary>
    private static string NodeKey(CheckInfo check) => check.Datacenter.Length == 0 ? check.Node : check.Datacenter + "\u0000" + check.Node;

    /// <summary>The maintenance check that mutes <paramref name="check"/>; null when neither its node nor its service is in maintenance.</summary>
    public string? MaintenanceOf(CheckInfo check)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (_nodes.Count > 0 && _nodes.Contains(NodeKey(check)))
        {
            return "_node_maintenance";
        }

        return _services.Count > 0 && check.ServiceId.Length > 0 && _services.Contains((NodeKey(check), check.ServiceId))
            ? "_service_maintenance:" + check.ServiceId
            : null;
    }

    /// <summary>The first rule (in order) whose firing source inhibits <paramref name="target"/>; null when none does.</summary>
    public InhibitRule? InhibitorOf(in AlertSubject target)
    {
        for (var i = 0; i < Rules.Count; i++)
        {
            if (_sourceKeys[i].Count == 0)
            {
                continue;
            }

            var rule = Rules[i];
            if (!InhibitRule.TargetMatches(rule, target) || !_sources[i].TryGetValue(rule.EqualKey(target), out var sources))
            {
                continue;
            }

            foreach (var source in sources)
            {
                // A check never inhibits itself: the node-down alert is the one that goes out.
                if (source != target.Check.Key)
                {
                    return rule;
                }
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="other"/> mutes exactly what this does (same rules, maintenances and sources).</summary>
    public bool SameAs(MuteFacts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!ReferenceEquals(Rules, other.Rules) || !_nodes.SetEquals(other._nodes) || !_services.SetEquals(other._services))
        {
            return false;
        }

        for (var i = 0; i < _sourceKeys.Length; i++)
        {
            if (!_sourceKeys[i].SetEquals(other._sourceKeys[i]))
            {
                return false;
            }
        }

        return true;
    }
}
