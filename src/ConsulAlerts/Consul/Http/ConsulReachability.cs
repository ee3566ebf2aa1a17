using ConsulAlerts.Consul.Errors;
namespace ConsulAlerts.Consul.Http;

/// <summary>
/// Whether Consul answers, as every request of one transport sees it. A request that fails for want of Consul
/// (<see cref="IsUnreachableError"/>) marks it unreachable; the next request that gets an answer marks it reachable
/// again and wakes whoever waits in <see cref="WhenBackAsync"/>, so every watch backing off reconnects the moment any
/// request (a session renewal, another watch) gets through, instead of at the end of its own backoff.
/// </summary>
internal sealed class ConsulReachability
{
    /// <summary>
    /// The longest wait of any retry while Consul is unreachable. About seven activities retry on their own (the
    /// watches, the election, the writers); 10 s apart they keep a daemon near one request a second while Consul is
    /// away, and since any answer wakes them all, the daemon still follows Consul within seconds of its return.
    /// </summary>
    public static readonly TimeSpan RetryCap = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private TaskCompletionSource _back = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _unreachable;

    /// <summary>Whether the last request that settled it found Consul unreachable.</summary>
    public bool IsUnreachable
    {
        get
        {
            lock (_gate)
            {
                return _unreachable;
            }
        }
    }

    /// <summary>
    /// Failures that say Consul itself is away (restarting, partitioned, electing), as opposed to refusing this
    /// request: no connection or answer, no cluster leader, or another 5xx.
    /// </summary>
    public static bool IsUnreachableError(Exception error) => error switch
    {
        ConsulRateLimitedException => false,
        ConsulException { Kind: ConsulErrorKind.Transport or ConsulErrorKind.NoLeader } => true,
        ConsulException { StatusCode: { } status } => (int)status >= 500,
        _ => false,
    };

    /// <summary>Notes the outcome of one request; <paramref name="error"/> null means Consul answered.</summary>
    public void Observe(ConsulException? error)
    {
        TaskCompletionSource? back = null;
        lock (_gate)
        {
            if (error is null)
            {
                if (_unreachable)
                {
                    _unreachable = false;
                    back = _back;
                    _back = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
            else if (IsUnreachableError(error))
            {
                _unreachable = true;
            }
        }

        back?.TrySetResult();
    }

    /// <summary>
    /// Completes when Consul answers again after being unreachable. While it is not marked unreachable there is
    /// nothing to come back from, and the task only ends with <paramref name="cancellationToken"/>.
    /// </summary>
    public Task WhenBackAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _unreachable ? _back.Task.WaitAsync(cancellationToken) : Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    /// <summary>
    /// Waits <paramref name="delay"/> on <paramref name="timeProvider"/>, or less when Consul answers again after being
    /// unreachable (see <see cref="WhenBackAsync"/>); true when that cut the wait short.
    /// </summary>
    public async Task<bool> DelayAsync(TimeSpan delay, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var elapsed = Task.Delay(delay, timeProvider, waiting.Token);
        var back = WhenBackAsync(waiting.Token);
        var first = await Task.WhenAny(elapsed, back);
        await waiting.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        return first == back;
    }
}
