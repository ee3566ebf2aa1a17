namespace ConsulAlerts.Checks;

/// <summary>What a step of the <see cref="CheckStateMachine"/> decided beyond the new state.</summary>
internal enum CheckOutcome
{
    /// <summary>Nothing to tell anyone.</summary>
    None,

    /// <summary>A confirmed change (or one stored as still to notify) goes to the notifiers.</summary>
    Notify,

    /// <summary>A confirmed change of a maintenance-mode check: recorded, never paged.</summary>
    SilentMaintenance,

    /// <summary>A confirmed change while <c>checks/enabled</c> is false: recorded, not notified.</summary>
    SilentDisabled,

    /// <summary>The check is gone from Consul: its state and reminder go, nobody is notified.</summary>
    Vanished,
}
