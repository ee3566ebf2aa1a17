namespace ConsulAlerts.Storage;

/// <summary>
/// Every KV path the daemon uses, below its prefix (<c>consul-alerts</c> by default; docs/ARCHITECTURE.md, "KV
/// layout"): the configuration it reads, and the check states, reminders, outbox, leader lock, silences and handled events it
/// writes. The one place that composes them.
/// </summary>
internal sealed class KvLayout
{
    /// <param name="kvPrefix">The prefix; surrounding slashes are ignored, and an empty one puts everything at the root.</param>
    public KvLayout(string kvPrefix)
    {
        ArgumentNullException.ThrowIfNull(kvPrefix);
        Prefix = kvPrefix.Trim('/');
    }

    /// <summary>The configuration folder's name below the prefix; <see cref="Config"/> composes its path.</summary>
    public const string ConfigFolder = "config/";

    /// <summary>The prefix without slashes, e.g. <c>consul-alerts</c>; empty for the root.</summary>
    public string Prefix { get; }

    /// <summary>The configuration folder, read-only for the daemon: <c>&lt;prefix&gt;/config/</c>.</summary>
    public string Config => Under(ConfigFolder);

    /// <summary>Check states: <c>&lt;prefix&gt;/checks/</c>.</summary>
    public string Checks => Under("checks/");

    /// <summary>Reminders: <c>&lt;prefix&gt;/reminders/</c>.</summary>
    public string Reminders => Under("reminders/");

    /// <summary>The delivery outbox: <c>&lt;prefix&gt;/outbox/</c>.</summary>
    public string Outbox => Under("outbox/");

    /// <summary>The leader lock: <c>&lt;prefix&gt;/leader</c>.</summary>
    public string Leader => Under("leader");

    /// <summary>Silences: <c>&lt;prefix&gt;/silences/</c>, one key per silence id.</summary>
    public string Silences => Under("silences/");

    /// <summary>The record of handled events: <c>&lt;prefix&gt;/events/handled</c>.</summary>
    public string HandledEvents => Under("events/handled");

    /// <summary>A check's state, from its key below <see cref="Checks"/> (<c>&lt;node&gt;/&lt;serviceID|_&gt;/&lt;checkID&gt;</c>).</summary>
    public string CheckState(string stateKey) => Checks + stateKey;

    /// <summary>
    /// A check's reminder: <c>&lt;prefix&gt;/reminders/&lt;node&gt;/&lt;checkID&gt;</c>, as the Go daemon keeps it, for the
    /// agent's own datacenter; <c>&lt;prefix&gt;/reminders/&lt;dc&gt;/&lt;node&gt;/&lt;checkID&gt;</c> for another.
    /// </summary>
    public string Reminder(string node, string checkId, string datacenter = "") =>
        datacenter.Length == 0 ? Reminders + node + "/" + checkId : Reminders + datacenter + "/" + node + "/" + checkId;

    /// <summary>A silence's key: <c>&lt;prefix&gt;/silences/&lt;id&gt;</c>.</summary>
    public string Silence(string id) => Silences + id;

    /// <summary>An outbox key, from its id below <see cref="Outbox"/>.</summary>
    public string OutboxItem(string id) => Outbox + id;

    /// <summary>Where the last leader records an outage it sent on its own (<c>consul-health/outages/&lt;check-id&gt;</c>).</summary>
    public string ConsulHealthOutage(string checkId) => Under("consul-health/outages/") + checkId;

    private string Under(string path) => Prefix.Length == 0 ? path : Prefix + "/" + path;
}
