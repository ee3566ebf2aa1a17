namespace ConsulAlerts.Configuration;

/// <summary>A custom notifier: <c>notifiers/custom/&lt;name&gt;</c> = path of an executable that reads Messages on stdin.</summary>
internal sealed record CustomNotifierConfig(string Name, string Path);
