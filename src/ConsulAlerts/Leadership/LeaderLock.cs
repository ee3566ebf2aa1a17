using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Consul.Queries;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Leadership;

/// <summary>
/// The lock key's side of the election, as Consul's leader-election recipe (and the Go client's <c>api.Lock</c>, whose
/// flag value it writes) has it: wait on the key with blocking reads until it is free, acquire it with the session
/// (retrying later when lock-delay refuses), watch it with consistent blocking reads while holding it, and release it.
/// Who holds the key and when Consul last answered are reported through the callbacks, for the election's status.
/// </summary>
internal sealed class LeaderLock
{
    private readonly ConsulClient _client;
    private readonly byte[] _value;
    private readonly LeaderElectionOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Func<double> _jitter;
    private readonly Action _contacted;
    private readonly Action<KvPair?> _seeHolder;

    public LeaderLock(
        ConsulClient client,
        string key,
        byte[] value,
        LeaderElectionOptions options,
        ILogger logger,
        TimeProvider timeProvider,
        Func<double> jitter,
        Action contacted,
        Action<KvPair?> seeHolder)
    {
        _client = client;
        Key = key;
        _value = value;
        _options = options;
        _logger = logger;
        _time = timeProvider;
        _jitter = jitter;
        _contacted = contacted;
        _seeHolder = seeHolder;
    }

    /// <summary>The lock key, e.g. <c>consul-alerts/leader</c>.</summary>
    public string Key { get; }

    /// <summary>Returns the lock key's index once this session holds it.</summary>
    public async Task<ulong> AcquireAsync(LeaderSession session, CancellationToken cancellationToken)
    {
        ulong index = 0;
        while (true)
        {
            var read = await _client.Kv.GetAsync(Key, new QueryOptions { WaitIndex = index, WaitTime = _options.LockWaitTime }, cancellationToken);
            _contacted();
            var pair = read.Value;
            index = NextIndex(index, read.LastIndex);
            if (pair is { Session: { Length: > 0 } holder })
            {
                if (holder == session.Id)
                {
                    return index;
                }

                _seeHolder(pair);
                continue;
            }

            if (pair is not null && pair.Flags != LeaderElectionOptions.LockFlagValue && pair.Flags != 0)
            {
                LeadershipLog.NotALock(_logger, Key, pair.Flags);
            }

            _seeHolder(null);
            var acquired = await _client.Kv.PutAsync(
                Key,
                _value,
                new KvPutOptions { Acquire = session.Id, Flags = LeaderElectionOptions.LockFlagValue },
                cancellationToken);
            _contacted();
            if (acquired)
            {
                var held = await _client.Kv.GetAsync(Key, new QueryOptions { Consistency = ConsulConsistency.Consistent }, cancellationToken);
                _contacted();
                if (held.Value?.Session == session.Id)
                {
                    return held.LastIndex;
                }

                index = 0;
                continue;
            }

            // Refused: either someone was faster (wait on the key) or the key is in lock-delay (try again later).
            var again = await _client.Kv.GetAsync(Key, QueryOptions.None, cancellationToken);
            _contacted();
            if (again.Value is { Session.Length: > 0 })
            {
                _seeHolder(again.Value);
                index = again.LastIndex;
                continue;
            }

            LeadershipLog.LockDelayed(_logger, Key, _options.LockDelayRetry);
            await Task.Delay(_options.LockDelayRetry, _time, cancellationToken);
            index = 0;
        }
    }

    /// <summary>Watches the held key with consistent blocking reads; returns why the lock was lost.</summary>
    public async Task<string> WatchAsync(LeaderSession session, ulong index, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            QueryResult<KvPair?> read;
            try
            {
                read = await _client.Kv.GetAsync(
                    Key,
                    new QueryOptions { WaitIndex = index, WaitTime = _options.LockWaitTime, Consistency = ConsulConsistency.Consistent },
                    cancellationToken);
            }
            catch (ConsulException ex) when (ex.IsRetryable && !cancellationToken.IsCancellationRequested)
            {
                // A leader keeps leading through short Consul trouble: the session (renewed separately) is what
                // bounds it, and state writes cannot commit meanwhile anyway.
                var delay = _options.Backoff(++failures, _jitter(), ex);
                if (failures == 1)
                {
                    LeadershipLog.ConsulUnavailable(_logger, ex.Kind.ToString(), ex.Message, delay);
                }

                if (ConsulReachability.IsUnreachableError(ex))
                {
                    await _client.Transport.Reachability.DelayAsync(delay, _time, cancellationToken);
                }
                else
                {
                    await Task.Delay(delay, _time, cancellationToken);
                }

                index = 0;
                continue;
            }

            _contacted();
            if (failures > 0)
            {
                LeadershipLog.ConsulRecovered(_logger, failures);
                failures = 0;
            }

            var pair = read.Value;
            if (pair is null)
            {
                return "the lock key " + Key + " was deleted";
            }

            if (pair.Session != session.Id)
            {
                _seeHolder(pair);
                return string.IsNullOrEmpty(pair.Session)
                    ? "the lock " + Key + " was released"
                    : "the lock " + Key + " is held by session " + pair.Session;
            }

            index = NextIndex(index, read.LastIndex);
        }
    }

    /// <summary>Releases the lock held by <paramref name="sessionId"/> (no lock-delay follows a release).</summary>
    public Task ReleaseAsync(string sessionId, CancellationToken cancellationToken) =>
        _client.Kv.PutAsync(Key, _value, new KvPutOptions { Release = sessionId, Flags = LeaderElectionOptions.LockFlagValue }, cancellationToken);

    /// <summary>The next blocking index: reset to 0 when the index went backwards, and never an accidental 0.</summary>
    private static ulong NextIndex(ulong previous, ulong next) => next < previous ? 0 : Math.Max(next, 1);
}
