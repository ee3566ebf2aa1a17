using ConsulAlerts.Configuration;

namespace ConsulAlerts.Notifications.Pipeline;

/// <summary>
/// The settings a delivery is attempted with, read again from the configuration in force before every attempt: a
/// notifier fixed in KV (a corrected URL, a new key) applies to deliveries already waiting or retrying, and one
/// disabled or removed meanwhile ends them, and the VarOverrides of the delivery's profile are those in force too (a
/// profile that no longer exists leaves the overrides recorded with the delivery).
/// Without a live configuration (tests, tools) the delivery keeps the settings it was decided with.
/// </summary>
internal sealed class DeliverySettings : IDisposable
{
    private readonly AlertsConfigStore? _store;
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DeliverySettings(AlertsConfigStore? store)
    {
        _store = store;
        if (store is not null)
        {
            store.Changed += OnChanged;
        }
    }

    /// <summary>The delivery's settings now; null when its notifier is no longer enabled or configured.</summary>
    public NotifierConfig? Current(NotificationDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return _store is { Loaded: true } store ? Resolve(delivery, store.Current) : delivery.Config;
    }

    /// <summary>The delivery's settings under <paramref name="config"/>; null when its notifier is not enabled or configured there.</summary>
    public static NotifierConfig? Resolve(NotificationDelivery delivery, AlertsConfig config)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(config);
        return NotifierSelection.ConfigFor(delivery.Kind, delivery.Config.Name, OverridesOf(delivery, config), config);
    }

    /// <summary>The overrides in force for a delivery: its profile's as configured now, else those it was recorded with.</summary>
    private static IReadOnlyDictionary<string, string>? OverridesOf(NotificationDelivery delivery, AlertsConfig config) =>
        delivery.Profile is { } name && config.Profiles.TryGetValue(name, out var profile)
            ? profile.VarOverrides.GetValueOrDefault(delivery.Config.Name)
            : delivery.Overrides;

    /// <summary>Completes when the next configuration is published.</summary>
    public Task NextChangeAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _changed.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Whether two settings would make the same attempt (same switch, same keys and values).</summary>
    public static bool Same(NotifierConfig? a, NotifierConfig? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.Name != b.Name || a.Enabled != b.Enabled || a.Values.Count != b.Values.Count)
        {
            return false;
        }

        return a.Values.All(pair => b.Values.TryGetValue(pair.Key, out var other) && other == pair.Value);
    }

    public void Dispose()
    {
        if (_store is not null)
        {
            _store.Changed -= OnChanged;
        }
    }

    private void OnChanged(AlertsConfig config)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
