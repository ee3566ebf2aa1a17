using System.Text.Json.Serialization;
using ConsulAlerts.Checks;
using ConsulAlerts.Compat;
using ConsulAlerts.Configuration;

namespace ConsulAlerts.Notifications;

/// <summary>
/// One alert, in the Go daemon's <c>notifier.Message</c> JSON shape (field names exact): what custom notifiers read
/// on stdin, what templates see, and what a reminder stores at <c>&lt;prefix&gt;/reminders/&lt;node&gt;/&lt;checkID&gt;</c>.
/// </summary>
internal sealed record Message
{
    public string Node { get; init; } = "";

    public string ServiceId { get; init; } = "";

    /// <summary>The service name.</summary>
    public string Service { get; init; } = "";

    public string CheckId { get; init; } = "";

    /// <summary>The check name.</summary>
    public string Check { get; init; } = "";

    public string Status { get; init; } = "";

    public string Output { get; init; } = "";

    public string Notes { get; init; } = "";

    /// <summary>Reminder interval in minutes (Go <c>int</c>); 0 means no reminders.</summary>
    public int Interval { get; init; }

    /// <summary>When the alert or its last reminder was sent; the next reminder is due <see cref="Interval"/> minutes later.</summary>
    [JsonConverter(typeof(GoTimeJsonConverter))]
    public DateTimeOffset RmdCheck { get; init; } = DateTimeOffset.MinValue;

    /// <summary>The profile's notifier switches; null when no profile applied (Go writes <c>null</c> for a nil map).</summary>
    public IReadOnlyDictionary<string, bool>? NotifList { get; init; }

    /// <summary>The profile's per-notifier key overrides, as KV-style text (see <see cref="ProfileConfig.VarOverrides"/>).</summary>
    [JsonConverter(typeof(VarOverridesJsonConverter))]
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> VarOverrides { get; init; } = VarOverridesJsonConverter.Empty;

    /// <summary>When the status change was confirmed.</summary>
    [JsonConverter(typeof(GoTimeJsonConverter))]
    public DateTimeOffset Timestamp { get; init; } = DateTimeOffset.MinValue;

    /// <summary>
    /// The tags of the check's service (not part of the Go shape: a new field after the Go ones, which receivers and
    /// the Go daemon reading a reminder ignore); <c>[]</c> for node checks and for a message written by the Go daemon.
    /// </summary>
    public IReadOnlyList<string> ServiceTags { get; init => field = value is null or { Count: 0 } ? [] : value; } = [];

    /// <summary>
    /// The check's datacenter (not part of the Go shape). Recorded empty for the agent's own datacenter, like
    /// <see cref="CheckInfo.Datacenter"/>, and written only when set; the notifiers always see the name
    /// (<see cref="DatacenterNaming.Stamp"/>), in templates as <c>.Datacenter</c> and in webhook payloads.
    /// </summary>
    [JsonIgnore]
    public string Datacenter { get; init => field = value ?? ""; } = "";

    /// <summary><see cref="Datacenter"/> as JSON: written only when set (the notifiers' copies always have it).</summary>
    [JsonPropertyName("Datacenter")]
    [JsonInclude]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    internal string? DatacenterJson
    {
        get => Datacenter.Length == 0 ? null : Datacenter;
        init => Datacenter = value ?? "";
    }

    /// <summary>
    /// Whether more than one datacenter is watched, so that email subjects and chat lines name the datacenter (set by
    /// <see cref="DatacenterNaming.Stamp"/>; never stored).
    /// </summary>
    [JsonIgnore]
    public bool NamesDatacenter { get; init; }

    /// <summary>Whether the check is of another datacenter than the agent's own (so far as the notifiers' copies tell).</summary>
    [JsonIgnore]
    public bool FromOtherDatacenter { get; init; }

    [JsonIgnore]
    public CheckKey Key => new(Node, CheckId, Datacenter);

    /// <summary>
    /// The profile the message was routed with (not part of the Go shape): deliveries re-read its VarOverrides at
    /// each attempt. Null when no profile applied, or for a message read back from KV.
    /// </summary>
    [JsonIgnore]
    public string? Profile { get; init; }

    public bool IsCritical() => Status == CheckStatus.Critical;

    public bool IsWarning() => Status == CheckStatus.Warning;

    public bool IsPassing() => Status == CheckStatus.Passing;

    /// <summary>
    /// This message as one notifier's receiver gets it: <see cref="VarOverrides"/> keeps only the entry of
    /// <paramref name="ownSettings"/> (a custom notifier's own overrides, which are its settings) and drops every other
    /// notifier's, which hold passwords, API keys and webhook URLs. Null keeps none (built-in notifiers: their
    /// overrides are applied to their settings, never sent). Everything else stays as the Go daemon sent it.
    /// </summary>
    public Message ForReceiver(string? ownSettings)
    {
        if (VarOverrides.Count == 0)
        {
            return this;
        }

        if (ownSettings is not null && VarOverrides.TryGetValue(ownSettings, out var own))
        {
            return VarOverrides.Count == 1
                ? this
                : this with { VarOverrides = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal) { [ownSettings] = own } };
        }

        return this with { VarOverrides = VarOverridesJsonConverter.Empty };
    }

    /// <summary><see cref="ForReceiver(string?)"/> of each message; the same list when none carries overrides.</summary>
    public static IReadOnlyList<Message> ForReceiver(IReadOnlyList<Message> messages, string? ownSettings)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return messages.All(m => m.VarOverrides.Count == 0) ? messages : [.. messages.Select(m => m.ForReceiver(ownSettings))];
    }

    /// <summary>
    /// The message for a confirmed status change, with the selected profile's settings attached (none when null). The
    /// check's output, notes and name are bounded (<see cref="CheckText"/>), so a message always fits its records.
    /// Everything in it comes from the decision, so handing the same decision over again makes the same message.
    /// </summary>
    /// <param name="transition">The change; its time is also the message's <see cref="RmdCheck"/> (reminders count from it).</param>
    /// <param name="profile">The selected profile, or null when no profile applies.</param>
    public static Message From(CheckTransition transition, ProfileConfig? profile)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var check = CheckText.Bound(transition.Check);
        return new Message
        {
            Node = check.Node,
            ServiceId = check.ServiceId,
            Service = check.ServiceName,
            CheckId = check.CheckId,
            Check = check.Name,
            Status = transition.Status,
            Output = check.Output,
            Notes = check.Notes,
            Interval = profile is null ? 0 : (int)Math.Floor(profile.Interval.TotalMinutes),
            RmdCheck = transition.At,
            NotifList = profile?.NotifList,
            VarOverrides = profile?.VarOverrides ?? VarOverridesJsonConverter.Empty,
            Timestamp = transition.At,
            ServiceTags = check.ServiceTags,
            Datacenter = check.Datacenter,
            Profile = profile?.Name,
        };
    }
}
