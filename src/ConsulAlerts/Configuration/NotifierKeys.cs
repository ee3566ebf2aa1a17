namespace ConsulAlerts.Configuration;

/// <summary>
/// The schema of every built-in notifier's KV keys (besides <c>enabled</c>): the Go daemon's keys, plus a
/// <c>base-url</c> or <c>url</c> on every vendor so it can be pointed elsewhere (a proxy, a test receiver).
/// </summary>
internal static class NotifierKeys
{
    private const NotifierKeyType S = NotifierKeyType.String;
    private const NotifierKeyType Secret = NotifierKeyType.Secret;
    private const NotifierKeyType B = NotifierKeyType.Bool;
    private const NotifierKeyType I = NotifierKeyType.Int;
    private const NotifierKeyType Choice = NotifierKeyType.Choice;

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, NotifierKeyType>> All { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, NotifierKeyType>>(StringComparer.Ordinal)
        {
            ["log"] = Keys(("path", S)),
            ["email"] = Keys(("cluster-name", S), ("url", S), ("port", I), ("username", S), ("password", Secret),
                ("sender-alias", S), ("sender-email", S), ("receivers", NotifierKeyType.StringArray), ("template", S),
                ("one-per-alert", B), ("one-per-node", B), ("tls", Choice), ("tls-ca-file", S)),
            ["slack"] = Keys(("cluster-name", S), ("url", Secret), ("channel", S), ("username", S), ("icon-url", S),
                ("icon-emoji", S), ("detailed", B)),
            ["mattermost"] = Keys(("cluster-name", S), ("url", S), ("username", S), ("password", Secret), ("team", S),
                ("channel", S), ("detailed", B)),
            ["mattermost-webhook"] = Keys(("cluster-name", S), ("url", Secret), ("channel", S), ("username", S), ("icon-url", S)),
            ["pagerduty"] = Keys(("service-key", Secret), ("client-name", S), ("client-url", S), ("max-retry", I),
                ("retry-base-interval", I), ("base-url", S)),
            ["opsgenie"] = Keys(("cluster-name", S), ("api-key", Secret), ("base-url", S)),
            ["jsm"] = Keys(("cluster-name", S), ("api-key", Secret), ("base-url", S)),
            ["victorops"] = Keys(("api-key", Secret), ("routing-key", S), ("base-url", S)),
            ["awssns"] = Keys(("cluster-name", S), ("region", S), ("topic-arn", S), ("template", S), ("base-url", S)),
            ["influxdb"] = Keys(("host", S), ("username", S), ("password", Secret), ("database", S), ("series-name", S)),
            ["hipchat"] = Keys(("cluster-name", S), ("base-url", S), ("room-id", S), ("auth-token", Secret), ("from", S)),
            ["http-endpoint"] = Keys(("cluster-name", S), ("base-url", S), ("endpoint", S), ("payload", NotifierKeyType.JsonObject)),
            ["ilert"] = Keys(("api-key", Secret), ("incident-key-template", S), ("incident-key-include-host", B), ("base-url", S)),
            ["msteams"] = Keys(("cluster-name", S), ("url", Secret)),
            ["discord"] = Keys(("cluster-name", S), ("url", Secret), ("username", S), ("avatar-url", S)),
            ["webhook"] = Keys(("cluster-name", S), ("url", Secret), ("headers", NotifierKeyType.JsonObject), ("bearer-token", Secret)),
        };

    /// <summary>The words a <see cref="NotifierKeyType.Choice"/> key takes, by notifier and key; the first is the default.</summary>
    private static readonly Dictionary<(string Notifier, string Key), string[]> ChoiceWords = new()
    {
        [("email", "tls")] = ["auto", "required", "implicit"],
    };

    /// <summary>The words <paramref name="key"/> of <paramref name="notifier"/> takes (empty when it is not a choice).</summary>
    public static IReadOnlyList<string> Choices(string notifier, string key) =>
        ChoiceWords.TryGetValue((notifier, key), out var words) ? words : [];

    /// <summary>Whether a key of a notifier holds a secret (unknown keys are treated as secrets, to be safe).</summary>
    public static bool IsSecret(string notifier, string key) =>
        !All.TryGetValue(notifier, out var keys) || !keys.TryGetValue(key, out var type) || type == NotifierKeyType.Secret;

    private static Dictionary<string, NotifierKeyType> Keys(params (string Key, NotifierKeyType Type)[] keys) =>
        keys.ToDictionary(k => k.Key, k => k.Type, StringComparer.Ordinal);
}
