using ConsulAlerts.Checks;
using ConsulAlerts.Datacenters;

namespace ConsulAlerts.Muting;

/// <summary>What a matcher is tested against: a check, the status being decided for it, and its datacenter.</summary>
/// <param name="Check">The check as last seen.</param>
/// <param name="Status">The status being decided.</param>
/// <param name="Datacenter">The agent's own datacenter: the check's, unless the check names another; empty when unknown.</param>
internal readonly record struct AlertSubject(CheckInfo Check, string Status, string Datacenter)
{
    /// <summary>The value of a single-valued label; null for <see cref="MatcherLabel.ServiceTags"/> and unknown names.</summary>
    public string? Value(string label) => label switch
    {
        MatcherLabel.Node => Check.Node,
        MatcherLabel.Service => Check.ServiceName,
        MatcherLabel.ServiceId => Check.ServiceId,
        MatcherLabel.Check => Check.CheckId,
        MatcherLabel.CheckName => Check.Name,
        MatcherLabel.Status => Status,
        MatcherLabel.Datacenter => LocalDatacenter.Resolve(Check.Datacenter, Datacenter),
        _ => null,
    };
}
