namespace ConsulAlerts.Checks;

/// <summary>Read-only view of the tracker's in-memory state, for the API, reminders and status.</summary>
internal interface ICheckView
{
    /// <summary>Every tracked check, as of now.</summary>
    IReadOnlyCollection<CheckState> All { get; }

    bool TryGet(CheckKey key, out CheckState state);
}
