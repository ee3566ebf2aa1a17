using ConsulAlerts.Compat;
using ConsulAlerts.Configuration;

namespace ConsulAlerts.Notifications.Http;

/// <summary>Reading the optional text keys shared by the chat and webhook notifiers.</summary>
internal static class NotifierSettings
{
    /// <summary>The Go daemon's default <c>cluster-name</c>.</summary>
    public const string DefaultClusterName = "Consul Alerts";

    /// <summary>The value of <paramref name="key"/>, or null when unset or blank (the field is then left out of the payload).</summary>
    public static string? Optional(NotifierConfig config, string key)
    {
        ArgumentNullException.ThrowIfNull(config);
        var value = config.Get(key)?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public static string ClusterName(NotifierConfig config) => Optional(config, "cluster-name") ?? DefaultClusterName;

    /// <summary>A boolean key in Go's <c>strconv.ParseBool</c> syntax; false when unset or not a boolean.</summary>
    public static bool Flag(NotifierConfig config, string key) => GoBool.TryParse(Optional(config, key), out var value) && value.Value;
}
