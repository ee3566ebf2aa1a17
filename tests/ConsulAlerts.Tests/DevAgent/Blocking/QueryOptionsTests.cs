using ConsulAlerts.DevAgent.Blocking;
using ConsulAlerts.DevAgent.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ConsulAlerts.Tests.DevAgent.Blocking;

public sealed class QueryOptionsTests
{
    [Theory]
    [InlineData("?index=abc", "Invalid index")]
    [InlineData("?index=-1", "Invalid index")]
    [InlineData("?wait=60", "Invalid wait time")]
    [InlineData("?wait=abc", "Invalid wait time")]
    [InlineData("?stale&consistent", "Cannot specify ?stale with ?consistent, conflicting semantics.")]
    public void Parse_BadParameters_Throws400(string query, string message)
    {
        var ex = Should.Throw<ConsulHttpException>(() => QueryOptions.Parse(Query(query)));
        ex.StatusCode.ShouldBe(400);
        ex.Message.ShouldBe(message);
    }

    [Theory]
    [InlineData("", 0UL, 0L, "leader")]
    [InlineData("?index=42&wait=15000ms", 42UL, 15_000L, "leader")]
    [InlineData("?index=18446744073709551615&stale", ulong.MaxValue, 0L, "stale")]
    [InlineData("?consistent=false", 0UL, 0L, "consistent")]
    public void Parse_ValidParameters_ReadsIndexWaitAndConsistency(string query, ulong index, long waitMs, string consistency)
    {
        var options = QueryOptions.Parse(Query(query));

        options.MinIndex.ShouldBe(index);
        options.Wait.ShouldBe(TimeSpan.FromMilliseconds(waitMs));
        options.Consistency.ShouldBe(consistency);
    }

    [Theory]
    [InlineData(0, 300)]
    [InlineData(60, 60)]
    [InlineData(3600, 600)]
    public void BlockingTimeout_Wait_DefaultsClampsAndAddsAtMostOneSixteenth(int waitSeconds, int baseSeconds)
    {
        var options = new QueryOptions(1, TimeSpan.FromSeconds(waitSeconds), false, false);

        var timeout = options.BlockingTimeout(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10));

        timeout.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(baseSeconds));
        timeout.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(baseSeconds * 17.0 / 16));
    }

    private static QueryCollection Query(string query) => new(QueryHelpers.ParseQuery(query));
}
