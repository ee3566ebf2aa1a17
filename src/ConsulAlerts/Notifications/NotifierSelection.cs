using System.Text;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Notifiers.Custom;

namespace ConsulAlerts.Notifications;

/// <summary>
/// Which notifiers each message goes to, as the Go daemon decides it (send-notifs.go):
/// <list type="bullet">
/// <item>A message without a NotifList (no profile, or a profile with an empty list) goes to every built-in notifier
/// enabled in KV and to every custom notifier.</item>
/// <item>Otherwise to each name the list turns on: a built-in notifier only if it is also enabled in KV (a profile
/// selects among enabled notifiers, it cannot switch one on), and a custom notifier of that name. A name that is
/// neither is reported as unknown.</item>
/// <item>A built-in notifier's settings are its KV settings with the message's VarOverrides for it applied; messages
/// with the same overrides share one delivery, and each distinct set of overrides is its own instance
/// (<see cref="InstanceName(string, IReadOnlyDictionary{string, string}?)"/>), with its own queue.</item>
/// </list>
/// <item>A delivery's messages carry no other notifier's settings (<see cref="Message.ForReceiver(string?)"/>): what a
/// notifier sends on, and what the outbox records, never holds another receiver's secrets.</item>
/// Unlike Go, VarOverrides also apply when the profile's NotifList is empty (Go ignored them then).
/// </summary>
internal static class NotifierSelection
{
    public const string CustomPathKey = "path";

    public static NotificationPlan Plan(IReadOnlyList<Message> messages, AlertsConfig config)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(config);

        var groups = new Dictionary<string, (NotificationDelivery Delivery, List<Message> Messages)>(StringComparer.Ordinal);
        var order = new List<string>();
        var unknown = new SortedSet<string>(StringComparer.Ordinal);

        foreach (var message in messages)
        {
            foreach (var builtIn in BuiltInsFor(message, config, unknown))
            {
                message.VarOverrides.TryGetValue(builtIn.Name, out var overrides);
                var effective = overrides is null ? builtIn : builtIn.With(overrides);
                var canonical = Canonical(overrides);
                // Messages of different profiles are delivered apart: each attempt applies its profile's overrides as they are then.
                var profile = message.Profile;
                var key = "builtin\n" + builtIn.Name + "\n" + canonical + "\n" + profile;
                Add(groups, order, key, () => new NotificationDelivery(InstanceName(builtIn.Name, canonical), builtIn.Name, effective, []) { Overrides = overrides, Profile = profile }, message.ForReceiver(null));
            }

            foreach (var custom in CustomsFor(message, config))
            {
                var key = "custom\n" + custom.Name;
                Add(groups, order, key, () => new NotificationDelivery(CustomNotifier.InstancePrefix + custom.Name, CustomNotifier.KindName, CustomConfig(custom), []), message.ForReceiver(custom.Name));
            }
        }

        var deliveries = order.Select(key => groups[key].Delivery with { Messages = groups[key].Messages }).ToList();
        return new NotificationPlan(deliveries, unknown);
    }

    /// <summary>
    /// The effective settings of a recorded delivery under <paramref name="config"/> (the configuration in force when
    /// it is delivered): null when its notifier is no longer enabled or configured.
    /// </summary>
    public static NotifierConfig? ConfigFor(string kind, string notifier, IReadOnlyDictionary<string, string>? overrides, AlertsConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (kind == CustomNotifier.KindName)
        {
            return config.CustomNotifiers.TryGetValue(notifier, out var custom) ? CustomConfig(custom) : null;
        }

        return config.Notifiers.TryGetValue(notifier, out var builtIn) && builtIn.Enabled
            ? overrides is null ? builtIn : builtIn.With(overrides)
            : null;
    }

    private static NotifierConfig CustomConfig(CustomNotifierConfig custom) => new(custom.Name)
    {
        Enabled = true,
        Values = new Dictionary<string, string>(StringComparer.Ordinal) { [CustomPathKey] = custom.Path },
    };

    private static IEnumerable<NotifierConfig> BuiltInsFor(Message message, AlertsConfig config, SortedSet<string> unknown)
    {
        if (message.NotifList is not { Count: > 0 } list)
        {
            return config.Notifiers.Values.Where(n => n.Enabled).OrderBy(n => n.Name, StringComparer.Ordinal);
        }

        var selected = new List<NotifierConfig>();
        foreach (var (name, on) in list.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            if (!on)
            {
                continue;
            }

            var isBuiltIn = config.Notifiers.TryGetValue(name, out var notifier);
            if (isBuiltIn && notifier!.Enabled)
            {
                selected.Add(notifier);
            }

            if (!isBuiltIn && !config.CustomNotifiers.ContainsKey(name))
            {
                unknown.Add(name);
            }
        }

        return selected;
    }

    private static IEnumerable<CustomNotifierConfig> CustomsFor(Message message, AlertsConfig config)
    {
        var all = config.CustomNotifiers.Values.OrderBy(c => c.Name, StringComparer.Ordinal);
        return message.NotifList is not { Count: > 0 } list
            ? all
            : all.Where(c => list.TryGetValue(c.Name, out var on) && on);
    }

    private static void Add(
        Dictionary<string, (NotificationDelivery Delivery, List<Message> Messages)> groups,
        List<string> order,
        string key,
        Func<NotificationDelivery> create,
        Message message)
    {
        if (!groups.TryGetValue(key, out var group))
        {
            group = (create(), []);
            groups[key] = group;
            order.Add(key);
        }

        group.Messages.Add(message);
    }

    /// <summary>
    /// A built-in notifier's instance name: its name, plus a short digest of the profile's overrides when there are
    /// any (<c>slack+3f2a9c1b</c>), so each overridden configuration has its own queue and counters while the name
    /// never shows an overridden value (it may be a secret).
    /// </summary>
    public static string InstanceName(string notifier, IReadOnlyDictionary<string, string>? overrides) => InstanceName(notifier, Canonical(overrides));

    // SHA-256, not a fast non-cryptographic hash: the digest is shown publicly and its input may hold secrets.
    private static string InstanceName(string notifier, string canonical) =>
        canonical.Length == 0
            ? notifier
            : notifier + "+" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(canonical)).AsSpan(0, 4));

    private static string Canonical(IReadOnlyDictionary<string, string>? overrides)
    {
        if (overrides is null || overrides.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var (key, value) in overrides.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            text.Append(key.Length).Append(':').Append(key).Append('=').Append(value.Length).Append(':').Append(value).Append(';');
        }

        return text.ToString();
    }
}
