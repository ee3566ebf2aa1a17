using ConsulAlerts.Consul.Queries;
namespace ConsulAlerts.Consul.Blocking;

/// <summary>
/// The query of a <see cref="BlockingQueryLoop{T}"/> that can be woken: <see cref="Wake"/> cuts the blocking read
/// under way short (or makes the next one skip blocking) and answers with a fresh non-blocking read instead. Wakes
/// that arrive together are served by one read. The waker never supplies data: only Consul's answer is used.
/// </summary>
/// <param name="read">The blocking read (the loop's index and wait in the options).</param>
/// <param name="refresh">The read made after a wake; by default <paramref name="read"/> without index or wait.</param>
internal sealed class WakeableQuery<T>(
    Func<QueryOptions, CancellationToken, Task<QueryResult<T>>> read,
    Func<QueryOptions, CancellationToken, Task<QueryResult<T>>>? refresh = null)
{
    private readonly Func<QueryOptions, CancellationToken, Task<QueryResult<T>>> _refresh =
        refresh ?? ((query, cancellationToken) => read(query with { WaitIndex = 0, WaitTime = null }, cancellationToken));

    private readonly Lock _gate = new();
    private TaskCompletionSource? _wake;
    private bool _requested;

    /// <summary>Asks for a fresh read now; safe from any thread, any number of times.</summary>
    public void Wake()
    {
        TaskCompletionSource? wake;
        lock (_gate)
        {
            _requested = true;
            wake = _wake;
        }

        wake?.TrySetResult();
    }

    /// <summary>The blocking read, or the refresh read when woken before or during it.</summary>
    public async Task<QueryResult<T>> ReadAsync(QueryOptions query, CancellationToken cancellationToken)
    {
        var wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_requested)
            {
                _requested = false;
                wake.TrySetResult();
            }

            _wake = wake;
        }

        if (wake.Task.IsCompleted)
        {
            return await _refresh(query, cancellationToken);
        }

        using var blocking = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = read(query, blocking.Token);
        var first = await Task.WhenAny(pending, wake.Task);
        lock (_gate)
        {
            _wake = null;
            if (first != pending)
            {
                _requested = false;
            }
        }

        if (first == pending)
        {
            return await pending;
        }

        await blocking.CancelAsync();
        try
        {
            await pending;
        }
#pragma warning disable CA1031 // The abandoned read's outcome does not matter; the refresh read replaces it.
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
        }

        return await _refresh(query, cancellationToken);
    }
}
