using System.Threading.Channels;
using ConsulAlerts.Consul.Queries;

namespace ConsulAlerts.Tests.Consul.Blocking;

/// <summary>A query the test answers call by call; each call records its options and the virtual time it came.</summary>
internal sealed class ScriptedQuery(RecordingTimeProvider time)
{
    private readonly Channel<Call> _calls = Channel.CreateUnbounded<Call>();

    public Task<QueryResult<string>> InvokeAsync(QueryOptions options, CancellationToken cancellationToken)
    {
        var call = new Call(options, time.Elapsed);
        _calls.Writer.TryWrite(call);
        return call.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The loop's next call; advances virtual time over any pacing delay the loop takes before it.</summary>
    public async Task<Call> NextAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (_calls.Reader.TryRead(out var call))
            {
                return call;
            }

            if (time.Timers.TryRead(out var due))
            {
                time.Advance(due);
                continue;
            }

            var callReady = _calls.Reader.WaitToReadAsync(cts.Token).AsTask();
            var timerReady = time.Timers.WaitToReadAsync(cts.Token).AsTask();
            await Task.WhenAny(callReady, timerReady);
            cts.Token.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// Asserts the loop, having just armed its backoff timer, made no call beside it and armed no second timer: it
    /// waits on virtual time, which stands still until the test advances it.
    /// </summary>
    public void ShouldBeIdle()
    {
        _calls.Reader.TryPeek(out _).ShouldBeFalse("the loop made an unexpected call");
        time.Timers.TryPeek(out _).ShouldBeFalse("the loop armed a second timer");
    }

    internal sealed class Call(QueryOptions options, TimeSpan at)
    {
        public QueryOptions Options { get; } = options;

        /// <summary>Virtual time since the test started.</summary>
        public TimeSpan At { get; } = at;

        public TaskCompletionSource<QueryResult<string>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Return(ulong index, string value = "v") => Completion.SetResult(new QueryResult<string>(value, new QueryMeta(index, true, TimeSpan.Zero)));

        public void Fail(Exception error) => Completion.SetException(error);
    }
}
