namespace ConsulAlerts.Checks;

/// <summary>
/// The tracker's mutable record of one check; only touched under the tracker's lock. Every change drops the cached
/// <see cref="CheckState"/>, which readers get as an immutable snapshot.
/// </summary>
internal sealed class TrackedCheck(CheckKey key, CheckInfo info, string stateKey)
{
    private CheckState? _state;

    public CheckKey Key { get; } = key;

    /// <summary>The key below <c>&lt;prefix&gt;/checks/</c> the state is stored under.</summary>
    public string StateKey { get; set; } = stateKey;

    /// <summary>The check as last seen in Consul (live output).</summary>
    public CheckInfo Info
    {
        get;
        set
        {
            field = value;
            _state = null;
        }
    } = info;

    public string Current
    {
        get;
        set
        {
            field = value;
            _state = null;
        }
    } = "";

    public DateTimeOffset CurrentTimestamp
    {
        get;
        set
        {
            field = value;
            _state = null;
        }
    }

    public string Pending
    {
        get;
        set
        {
            field = value;
            _state = null;
        }
    } = "";

    public DateTimeOffset PendingTimestamp
    {
        get;
        set
        {
            field = value;
            _state = null;
        }
    }

    public bool ForNotification
    {
        get;
        set
        {
            field = value;
            _state = null;
        }
    }

    /// <summary>Counts emissions, so a delivery only clears <see cref="ForNotification"/> for the one it carried.</summary>
    public long NotificationSequence { get; set; }

    /// <summary>Fires when the pending status has held for the change-threshold; null when nothing is pending.</summary>
    public ITimer? Timer { get; set; }

    /// <summary>When <see cref="Timer"/> is due; null when it is not armed.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>The snapshot generation that last contained the check.</summary>
    public long SeenGeneration { get; set; }

    public CheckState ToState() => _state ??= new CheckState
    {
        Current = Current,
        CurrentTimestamp = CurrentTimestamp,
        Pending = Pending,
        PendingTimestamp = PendingTimestamp,
        HealthCheck = Info,
        ForNotification = ForNotification,
    };

    public void StopTimer()
    {
        Timer?.Dispose();
        Timer = null;
        DueAt = null;
    }
}
