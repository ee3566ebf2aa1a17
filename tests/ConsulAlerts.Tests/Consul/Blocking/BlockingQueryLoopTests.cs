using ConsulAlerts.Consul.Blocking;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Consul.Queries;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Tests.Consul.Blocking;

public sealed class BlockingQueryLoopTests : IAsyncDisposable
{
    private readonly RecordingTimeProvider _time = new();
    private readonly ScriptedQuery _query;
    private readonly FakeLogger<BlockingQueryLoopTests> _logger = new();
    private readonly List<ulong> _delivered = [];
    private readonly CancellationTokenSource _stop = new();
    private Func<QueryResult<string>, Task> _onChange;
    private Task? _run;

    public BlockingQueryLoopTests()
    {
        _query = new ScriptedQuery(_time);
        _onChange = _ => Task.CompletedTask;
    }

    private IReadOnlyList<ulong> Delivered
    {
        get
        {
            lock (_delivered)
            {
                return [.. _delivered];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(30));
        }

        _stop.Dispose();
    }

    [Fact]
    public async Task RunAsync_FirstCall_UsesIndexZeroWithWaitAndConsistency()
    {
        Start(new BlockingQueryLoopOptions { WaitTime = TimeSpan.FromSeconds(90), Consistency = ConsulConsistency.Stale, Datacenter = "dc2" });

        var first = await _query.NextAsync();

        first.Options.WaitIndex.ShouldBe(0ul);
        first.Options.WaitTime.ShouldBe(TimeSpan.FromSeconds(90));
        first.Options.Consistency.ShouldBe(ConsulConsistency.Stale);
        first.Options.Datacenter.ShouldBe("dc2");
    }

    [Fact]
    public async Task RunAsync_IndexSequence_DeliversOnlyChangesAndResetsWhenIndexGoesBackwards()
    {
        Start(new BlockingQueryLoopOptions { RateLimitInterval = TimeSpan.Zero });

        (await _query.NextAsync()).Return(10);
        var second = await _query.NextAsync();
        second.Options.WaitIndex.ShouldBe(10ul);
        second.Return(10);
        var third = await _query.NextAsync();
        third.Options.WaitIndex.ShouldBe(10ul);
        third.Return(12);
        var fourth = await _query.NextAsync();
        fourth.Options.WaitIndex.ShouldBe(12ul);
        fourth.Return(4);
        var fifth = await _query.NextAsync();
        fifth.Options.WaitIndex.ShouldBe(0ul);
        fifth.Return(4);
        var sixth = await _query.NextAsync();
        sixth.Options.WaitIndex.ShouldBe(4ul);

        Delivered.ShouldBe([10ul, 12ul, 4ul]);
    }

    [Fact]
    public async Task RunAsync_ServerAnswersIndexZero_NeverSendsZeroAgain()
    {
        Start(new BlockingQueryLoopOptions { RateLimitInterval = TimeSpan.Zero });

        (await _query.NextAsync()).Return(0);
        for (var i = 0; i < 3; i++)
        {
            var call = await _query.NextAsync();
            call.Options.WaitIndex.ShouldBe(1ul);
            call.Return(0);
        }

        (await _query.NextAsync()).Options.WaitIndex.ShouldBe(1ul);
        Delivered.ShouldBe([0ul]);
    }

    [Fact]
    public async Task RunAsync_EqualityMode_LowerIndexIsAChangeAndNeverResets()
    {
        Start(new BlockingQueryLoopOptions { IndexMode = BlockingIndexMode.Equality, RateLimitInterval = TimeSpan.Zero });

        (await _query.NextAsync()).Return(7256511592453824992);
        var second = await _query.NextAsync();
        second.Options.WaitIndex.ShouldBe(7256511592453824992ul);
        second.Return(7256511592453824992);
        var third = await _query.NextAsync();
        third.Options.WaitIndex.ShouldBe(7256511592453824992ul);
        third.Return(42);
        var fourth = await _query.NextAsync();
        fourth.Options.WaitIndex.ShouldBe(42ul);
        fourth.Return(42);
        (await _query.NextAsync()).Options.WaitIndex.ShouldBe(42ul);

        Delivered.ShouldBe([7256511592453824992ul, 42ul]);
    }

    [Fact]
    public async Task RunAsync_ServerReturnsAtOnceUnchanged_IsPacedNotBusy()
    {
        Start(new BlockingQueryLoopOptions { RateLimitBurst = 2, RateLimitInterval = TimeSpan.FromSeconds(5) });
        var times = new List<TimeSpan>();

        for (var i = 0; i < 5; i++)
        {
            var call = await _query.NextAsync();
            times.Add(call.At);
            call.Return(3);
        }

        times.ShouldBe([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15)]);
        Delivered.ShouldBe([3ul]);
    }

    [Fact]
    public async Task RunAsync_RepeatedFailures_BackoffDoublesCapsAndJitters()
    {
        Start(new BlockingQueryLoopOptions { InitialBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(8), UnreachableMaxBackoff = TimeSpan.FromSeconds(20), BackoffJitter = 0.2 }, jitter: () => 0.5);
        var delays = new List<TimeSpan>();

        for (var i = 0; i < 6; i++)
        {
            var call = await _query.NextAsync();
            call.Fail(new ConsulAclException(ConsulErrorKind.AclDenied, "GET", "/v1/health/state/any", "Permission denied"));
            var delay = await _time.NextTimerAsync();
            delays.Add(delay);
            _query.ShouldBeIdle();
            _time.Advance(delay);
        }

        delays.ShouldBe(new[] { 1.0, 2, 4, 8, 8, 8 }.Select(s => TimeSpan.FromSeconds(s * 0.9)));
    }

    [Theory]
    [InlineData("no leader")]
    [InlineData("connection refused")]
    [InlineData("500")]
    public async Task RunAsync_ConsulUnreachableForLong_BackoffStaysAtTheUnreachableCap(string failure)
    {
        Start(new BlockingQueryLoopOptions { InitialBackoff = TimeSpan.FromSeconds(1), BackoffJitter = 0 });
        var delays = new List<TimeSpan>();

        for (var i = 0; i < 10; i++)
        {
            (await _query.NextAsync()).Fail(Unreachable(failure));
            var delay = await _time.NextTimerAsync();
            delays.Add(delay);
            _query.ShouldBeIdle();
            _time.Advance(delay);
        }

        delays.ShouldBe(new[] { 1.0, 2, 4, 8, 10, 10, 10, 10, 10, 10 }.Select(TimeSpan.FromSeconds));
    }

    [Fact]
    public async Task RunAsync_BackingOffWhileUnreachable_AnyAnswerFromConsulRetriesAtOnce()
    {
        var reachability = new ConsulReachability();
        Start(new BlockingQueryLoopOptions { InitialBackoff = TimeSpan.FromSeconds(4), BackoffJitter = 0 }, reachability: reachability);
        var failure = Unreachable("connection refused");
        reachability.Observe(failure);
        (await _query.NextAsync()).Fail(failure);
        (await _time.NextTimerAsync()).ShouldBe(TimeSpan.FromSeconds(4));
        _query.ShouldBeIdle();

        // Another request (a session renewal) gets an answer: no time passes, yet the watch reads again.
        reachability.Observe(null);

        (await _query.NextAsync()).Return(7);
        await Eventually.ShouldHoldAsync(() => Delivered.Count == 1, "the read after recovery delivered");
        _logger.Entries.ShouldContain(e => e.Message.Contains("answers again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_FailuresThenRecovery_LogsFirstFailureAndRecoveryOnly()
    {
        Start(new BlockingQueryLoopOptions { InitialBackoff = TimeSpan.FromSeconds(1) }, jitter: () => 0);
        (await _query.NextAsync()).Return(5);

        for (var i = 0; i < 4; i++)
        {
            (await _query.NextAsync()).Fail(new ConsulRateLimitedException("GET", "/v1/kv/x", System.Net.HttpStatusCode.TooManyRequests, "slow down", null));
        }

        var recovered = await _query.NextAsync();
        recovered.Options.WaitIndex.ShouldBe(5ul);
        recovered.Return(5);
        (await _query.NextAsync()).Options.WaitIndex.ShouldBe(5ul);

        Delivered.ShouldBe([5ul]);
        var entries = _logger.Entries;
        entries.Count(e => e.Level >= LogLevel.Warning).ShouldBe(1);
        entries.Count(e => e.Level == LogLevel.Debug && e.Message.Contains("still failing", StringComparison.Ordinal)).ShouldBe(3);
        entries.ShouldContain(e => e.Level == LogLevel.Information && e.Message.Contains("recovered after 4 failed attempts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_AfterError_KeepsIndexWithShortWaitThenFullWait()
    {
        Start(new BlockingQueryLoopOptions { RateLimitInterval = TimeSpan.Zero, WaitTime = TimeSpan.FromMinutes(5), RecoveryWaitTime = TimeSpan.FromSeconds(10) }, jitter: () => 0);
        (await _query.NextAsync()).Return(50);
        (await _query.NextAsync()).Fail(new ConsulTransportException("GET", "/v1/kv/x", "connection reset", isRetryable: true, null));
        _time.Advance(await _time.NextTimerAsync());

        var afterError = await _query.NextAsync();
        afterError.Options.WaitIndex.ShouldBe(50ul);
        afterError.Options.WaitTime.ShouldBe(TimeSpan.FromSeconds(10));
        afterError.Return(50);
        var next = await _query.NextAsync();
        next.Options.WaitIndex.ShouldBe(50ul);
        next.Options.WaitTime.ShouldBe(TimeSpan.FromMinutes(5));

        Delivered.ShouldBe([50ul]);
    }

    [Fact]
    public async Task RunAsync_ErrorThenLowerIndex_ResetsToZeroOnceAndDeliversReset()
    {
        Start(new BlockingQueryLoopOptions { RateLimitInterval = TimeSpan.Zero }, jitter: () => 0);
        (await _query.NextAsync()).Return(50);
        (await _query.NextAsync()).Fail(new ConsulTransportException("GET", "/v1/kv/x", "connection reset", isRetryable: true, null));
        _time.Advance(await _time.NextTimerAsync());

        var afterError = await _query.NextAsync();
        afterError.Options.WaitIndex.ShouldBe(50ul);
        afterError.Return(3);
        var reset = await _query.NextAsync();
        reset.Options.WaitIndex.ShouldBe(0ul);
        reset.Return(3);
        (await _query.NextAsync()).Options.WaitIndex.ShouldBe(3ul);

        Delivered.ShouldBe([50ul, 3ul]);
    }

    [Fact]
    public async Task RunAsync_HandlerThrows_SameResultIsDeliveredAgainAfterBackoff()
    {
        var attempts = 0;
        _onChange = _ => ++attempts == 1 ? throw new InvalidOperationException("handler bug") : Task.CompletedTask;
        Start(new BlockingQueryLoopOptions { InitialBackoff = TimeSpan.FromSeconds(1) }, jitter: () => 0);

        (await _query.NextAsync()).Return(9);
        var backoff = await _time.NextTimerAsync();
        backoff.ShouldBe(TimeSpan.FromSeconds(1));
        _time.Advance(backoff);
        var retry = await _query.NextAsync();
        retry.Options.WaitIndex.ShouldBe(0ul);
        retry.Return(9);
        (await _query.NextAsync()).Options.WaitIndex.ShouldBe(9ul);

        attempts.ShouldBe(2);
        Delivered.ShouldBe([9ul, 9ul]);
        _logger.Entries.ShouldContain(e => e.Level == LogLevel.Error && e.Message.Contains("Handler", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_Cancelled_CompletesWithoutThrowing()
    {
        Start(new BlockingQueryLoopOptions());
        await _query.NextAsync();

        await _stop.CancelAsync();

        await _run!.WaitAsync(TimeSpan.FromSeconds(30));
        _run.IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Fact]
    public async Task RunAsync_LoggerThrows_LoopSurvivesAndBacksOff()
    {
        var delivered = new List<ulong>();
        var loop = new BlockingQueryLoop<string>(
            "broken-logs",
            _query.InvokeAsync,
            (r, _) =>
            {
                delivered.Add(r.LastIndex);
                return Task.CompletedTask;
            },
            new BlockingQueryLoopOptions { InitialBackoff = TimeSpan.FromSeconds(1) },
            new ThrowingLogger(),
            _time,
            () => 0);
        _run = Task.Run(() => loop.RunAsync(_stop.Token));

        (await _query.NextAsync()).Fail(new ConsulNoLeaderException("GET", "/v1/kv/x", "No cluster leader"));
        (await _time.NextTimerAsync()).ShouldBe(TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(1));
        (await _query.NextAsync()).Return(3);
        (await _query.NextAsync()).Return(3);
        (await _query.NextAsync()).Options.WaitIndex.ShouldBe(3ul);

        delivered.ShouldBe([3ul]);
    }

    [Fact]
    public async Task RunAsync_StartedTwice_Throws()
    {
        var loop = new BlockingQueryLoop<string>("twice", _query.InvokeAsync, (_, _) => Task.CompletedTask, null, _logger, _time);
        _run = loop.RunAsync(_stop.Token);
        await _query.NextAsync();

        await Should.ThrowAsync<InvalidOperationException>(() => loop.RunAsync(_stop.Token));
    }

    [Fact]
    public async Task RunAsync_UnexpectedExceptionType_LoopSurvives()
    {
        Start(new BlockingQueryLoopOptions(), jitter: () => 0);

        (await _query.NextAsync()).Fail(new System.Text.Json.JsonException("bad body"));
        (await _query.NextAsync()).Fail(new TaskCanceledException("HttpClient timeout"));
        (await _query.NextAsync()).Return(1);
        (await _query.NextAsync()).Options.WaitIndex.ShouldBe(1ul);

        Delivered.ShouldBe([1ul]);
    }

    private static ConsulException Unreachable(string failure) => failure switch
    {
        "no leader" => new ConsulNoLeaderException("GET", "/v1/health/state/any", "No cluster leader"),
        "500" => new ConsulHttpException("GET", "/v1/health/state/any", System.Net.HttpStatusCode.InternalServerError, "rpc error", isRetryable: true),
        _ => new ConsulTransportException("GET", "/v1/health/state/any", "Connection refused", isRetryable: true, null),
    };

    private void Start(BlockingQueryLoopOptions options, Func<double>? jitter = null, ConsulReachability? reachability = null)
    {
        var loop = new BlockingQueryLoop<string>(
            "test/watch",
            _query.InvokeAsync,
            async (result, _) =>
            {
                lock (_delivered)
                {
                    _delivered.Add(result.LastIndex);
                }

                await _onChange(result);
            },
            options,
            _logger,
            _time,
            jitter ?? (() => 0),
            reachability);
        _run = Task.Run(() => loop.RunAsync(_stop.Token));
    }
}
