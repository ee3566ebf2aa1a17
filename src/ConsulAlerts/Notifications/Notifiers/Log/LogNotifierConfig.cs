using ConsulAlerts.Configuration;

namespace ConsulAlerts.Notifications.Notifiers.Log;

/// <summary>Settings of the log notifier: <c>notifiers/log/path</c>.</summary>
/// <param name="Path">The file alerts are appended to.</param>
internal sealed record LogNotifierConfig(string Path)
{
    public const string DefaultPath = "/tmp/consul-notifications.log";

    public static LogNotifierConfig From(NotifierConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var path = config.Get("path");
        return new LogNotifierConfig(string.IsNullOrWhiteSpace(path) ? DefaultPath : path.Trim());
    }
}
