using ConsulAlerts.Consul.Blocking;
using ConsulAlerts.Consul.Queries;

namespace ConsulAlerts.Tests.Consul.Blocking;

public sealed class WakeableQueryTests
{
    private readonly List<QueryOptions> _reads = [];
    private readonly TaskCompletionSource<QueryResult<string>> _blocking = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationToken _blockingToken;

    [Fact]
    public async Task ReadAsync_NotWoken_ReturnsTheBlockingRead()
    {
        var query = Query();
        var reading = query.ReadAsync(new QueryOptions { WaitIndex = 7 }, CancellationToken.None);

        _blocking.SetResult(Result("blocking", 8));

        (await reading).Value.ShouldBe("blocking");
        _reads.ShouldHaveSingleItem().WaitIndex.ShouldBe(7UL);
    }

    [Fact]
    public async Task Wake_DuringTheBlockingRead_CancelsItAndReadsWithoutIndex()
    {
        var query = Query();
        var reading = query.ReadAsync(new QueryOptions { WaitIndex = 7, WaitTime = TimeSpan.FromMinutes(5) }, CancellationToken.None);

        query.Wake();

        (await reading.WaitAsync(TimeSpan.FromSeconds(10))).Value.ShouldBe("fresh");
        _blockingToken.IsCancellationRequested.ShouldBeTrue();
        _reads.Select(r => (r.WaitIndex, r.WaitTime)).ShouldBe([(7UL, (TimeSpan?)TimeSpan.FromMinutes(5)), (0UL, (TimeSpan?)null)]);
    }

    [Fact]
    public async Task Wake_SeveralBeforeTheRead_OneRefreshThenBlockingAgain()
    {
        var query = Query();
        query.Wake();
        query.Wake();

        (await query.ReadAsync(new QueryOptions { WaitIndex = 7 }, CancellationToken.None)).Value.ShouldBe("fresh");
        var next = query.ReadAsync(new QueryOptions { WaitIndex = 8 }, CancellationToken.None);
        _blocking.SetResult(Result("blocking", 9));

        (await next).Value.ShouldBe("blocking");
        _reads.Select(r => r.WaitIndex).ShouldBe([0UL, 8UL]);
    }

    [Fact]
    public async Task ReadAsync_CustomRefresh_IsUsedAfterAWake()
    {
        var query = new WakeableQuery<string>(Read, (_, _) => Task.FromResult(Result("custom", 1)));
        query.Wake();

        (await query.ReadAsync(new QueryOptions(), CancellationToken.None)).Value.ShouldBe("custom");
        _reads.ShouldBeEmpty();
    }

    private WakeableQuery<string> Query() => new(Read);

    private Task<QueryResult<string>> Read(QueryOptions options, CancellationToken cancellationToken)
    {
        lock (_reads)
        {
            _reads.Add(options);
        }

        if (options.WaitIndex == 0)
        {
            return Task.FromResult(Result("fresh", 10));
        }

        _blockingToken = cancellationToken;
        return _blocking.Task.WaitAsync(cancellationToken);
    }

    private static QueryResult<string> Result(string value, ulong index) => new(value, new QueryMeta { LastIndex = index });
}
