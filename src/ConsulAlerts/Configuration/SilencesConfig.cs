namespace ConsulAlerts.Configuration;

/// <summary><c>config/silences/*</c>: how long expired silences are kept before the leader deletes them.</summary>
internal sealed record SilencesConfig
{
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(5);

    /// <summary>The longest retention accepted: one year.</summary>
    public static readonly TimeSpan MaxRetention = TimeSpan.FromDays(365);

    /// <summary><c>silences/retention</c>, a Go duration (<c>120h</c>, <c>36h30m</c>); default 5 days.</summary>
    public TimeSpan Retention { get; init; } = DefaultRetention;
}
