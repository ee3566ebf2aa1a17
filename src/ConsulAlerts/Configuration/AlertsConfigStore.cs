namespace ConsulAlerts.Configuration;

/// <summary>
/// Holds the current <see cref="AlertsConfig"/> snapshot. Readers take <see cref="Current"/> once per decision and
/// use that snapshot throughout; the watcher swaps in a new one atomically.
/// </summary>
internal sealed class AlertsConfigStore
{
    private AlertsConfig _current = AlertsConfig.Default;

    /// <summary>Raised after a new snapshot is published.</summary>
    public event Action<AlertsConfig>? Changed;

    public AlertsConfig Current => Volatile.Read(ref _current);

    /// <summary>Whether a snapshot has been read from Consul yet.</summary>
    public bool Loaded => Current.Revision != 0;

    public void Publish(AlertsConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Volatile.Write(ref _current, config);
        Changed?.Invoke(config);
    }
}
