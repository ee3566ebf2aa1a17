namespace ConsulAlerts.DevAgent.Blocking;

/// <summary>
/// Wakes blocked queries when a table changes. Waiters take <see cref="Current"/>; <see cref="Notify"/> completes it and
/// installs a fresh one, so nobody polls.
/// </summary>
internal sealed class ChangeSignal
{
    private TaskCompletionSource _current = NewSource();

    /// <summary>A task that completes at the next change. Read it under the same lock as the data it guards.</summary>
    public Task Current => Volatile.Read(ref _current).Task;

    public void Notify()
    {
        var previous = Interlocked.Exchange(ref _current, NewSource());
        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
