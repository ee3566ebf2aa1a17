namespace ConsulAlerts.Configuration;

/// <summary>
/// The KV settings of one built-in notifier (<c>notifiers/&lt;name&gt;/&lt;key&gt;</c>), validated against its key schema
/// but kept as trimmed text, so that a profile's VarOverrides can replace any key before the notifier builds its typed
/// configuration. Keys that were not set are absent (the notifier applies its defaults).
/// </summary>
internal sealed record NotifierConfig(string Name)
{
    /// <summary>One entry per known notifier, none enabled but <c>log</c>.</summary>
    public static IReadOnlyDictionary<string, NotifierConfig> Defaults { get; } =
        NotifierKeys.All.Keys.ToDictionary(name => name, name => new NotifierConfig(name) { Enabled = name == "log" }, StringComparer.Ordinal);

    /// <summary><c>notifiers/&lt;name&gt;/enabled</c>; only <c>log</c> is on by default.</summary>
    public bool Enabled { get; init; }

    /// <summary>Every other key that was set, trimmed.</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The value of <paramref name="key"/>, or null when it was not set.</summary>
    public string? Get(string key) => Values.TryGetValue(key, out var value) ? value : null;

    /// <summary>A copy with <paramref name="overrides"/> replacing keys (a profile's VarOverrides for this notifier).</summary>
    public NotifierConfig With(IReadOnlyDictionary<string, string> overrides)
    {
        if (overrides.Count == 0)
        {
            return this;
        }

        var merged = new Dictionary<string, string>(Values, StringComparer.Ordinal);
        foreach (var (key, value) in overrides)
        {
            merged[key] = value;
        }

        return this with { Values = merged };
    }

    /// <summary>Names the notifier and the keys set, never their values: several hold passwords, keys or webhook URLs.</summary>
    public override string ToString() => $"NotifierConfig {{ Name = {Name}, Enabled = {Enabled}, Keys = [{string.Join(", ", Values.Keys.Order(StringComparer.Ordinal))}] }}";
}
