using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;

namespace ConsulAlerts.Notifications.Notifiers.InfluxDb;

/// <summary>Settings of the <c>influxdb</c> notifier (<c>notifiers/influxdb/*</c>).</summary>
/// <param name="Host">The server, <c>http://host:port</c> (a bare <c>host:port</c>, as the Go daemon took it, means http).</param>
/// <param name="Username">Sent with HTTP basic authentication when set.</param>
/// <param name="Password">The user's password (a secret).</param>
/// <param name="Database">The database written to, or null.</param>
/// <param name="SeriesName">The measurement.</param>
internal sealed record InfluxDbNotifierConfig(string Host, string? Username, string? Password, string? Database, string SeriesName)
{
    /// <summary>The Go client's default server.</summary>
    public const string DefaultHost = "http://localhost:8086";

    public const string DefaultSeriesName = "consul-alerts";

    public static InfluxDbNotifierConfig From(NotifierConfig config)
    {
        var host = NotifierSettings.Optional(config, "host") ?? DefaultHost;
        if (!host.Contains("://", StringComparison.Ordinal))
        {
            host = "http://" + host;
        }

        return new InfluxDbNotifierConfig(
            host,
            NotifierSettings.Optional(config, "username"),
            config.Get("password"),
            NotifierSettings.Optional(config, "database"),
            NotifierSettings.Optional(config, "series-name") ?? DefaultSeriesName);
    }

    /// <summary>Never prints the password.</summary>
    public override string ToString() =>
        $"InfluxDbNotifierConfig {{ Host = {Host}, Username = {Username ?? "unset"}, Password = {(Password is null ? "unset" : "set")}, Database = {Database}, SeriesName = {SeriesName} }}";
}
