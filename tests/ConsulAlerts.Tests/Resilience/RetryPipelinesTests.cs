using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Resilience;
using ConsulAlerts.Tests.Testing;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Tests.Resilience;

public sealed class RetryPipelinesTests
{
    private static readonly RetryProfile Profile = new("Writing test state", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5), JitterFraction: 0);

    private readonly TrackedTimeProvider _time = new();
    private readonly FakeLogger<RetryPipelinesTests> _log = new();

    [Fact]
    public async Task RunAsync_OutageThenRecovery_LogsTheFirstFailureAndTheRecoveryOnly()
    {
        var pipelines = new RetryPipelines(_time, random: () => 0);
        var attempts = 0;

        var run = pipelines.RunAsync(Profile, new Outage(Profile.Name, _log, _time), _ => ++attempts <= 4 ? throw Refused() : Task.CompletedTask, CancellationToken.None);
        foreach (var wait in new[] { 1, 2, 4, 8 })
        {
            await Eventually.ShouldHoldAsync(() => _time.NextDueAt is not null, $"the wait of {wait} s armed");
            (_time.NextDueAt!.Value - _time.GetUtcNow()).ShouldBe(TimeSpan.FromSeconds(wait));
            _time.Advance(TimeSpan.FromSeconds(wait));
        }

        await run.WaitAsync(TimeSpan.FromSeconds(10));
        attempts.ShouldBe(5);
        _log.Entries.Where(e => e.Level >= LogLevel.Information).Select(e => e.Level).ShouldBe([LogLevel.Warning, LogLevel.Information]);
        _log.Entries[^1].Message.ShouldContain("recovered after 4 failed attempts");
    }

    [Fact]
    public async Task RunAsync_ConsulUnreachable_WaitsAtMostTheUnreachableCapAndWakesWhenConsulAnswers()
    {
        var reachability = new ConsulReachability();
        var pipelines = new RetryPipelines(_time, reachability, random: () => 0);
        var down = new ConsulNoLeaderException("PUT", "/v1/txn", "No cluster leader");
        reachability.Observe(down);
        var attempts = 0;

        var run = pipelines.RunAsync(Profile, new Outage(Profile.Name, _log, _time), _ => ++attempts <= 5 ? throw down : Task.CompletedTask, CancellationToken.None);
        foreach (var wait in new[] { 1, 2, 4, 5 })
        {
            await Eventually.ShouldHoldAsync(() => _time.NextDueAt is not null && attempts == Array.IndexOf([1, 2, 4, 5], wait) + 1, $"the wait of {wait} s armed");
            (_time.NextDueAt!.Value - _time.GetUtcNow()).ShouldBe(TimeSpan.FromSeconds(wait));
            _time.Advance(TimeSpan.FromSeconds(wait));
        }

        // The fifth wait is cut short: another request got an answer. No time passes.
        await Eventually.ShouldHoldAsync(() => attempts == 5 && _time.NextDueAt is not null, "the fifth wait armed");
        reachability.Observe(null);

        await run.WaitAsync(TimeSpan.FromSeconds(10));
        attempts.ShouldBe(6);
    }

    [Fact]
    public async Task RunAsync_GuardNoLongerHolds_IsNotRetried()
    {
        var pipelines = new RetryPipelines(_time);
        var attempts = 0;

        await Should.ThrowAsync<ConsulConflictException>(() => pipelines.RunAsync(
            Profile,
            new Outage(Profile.Name, _log, _time),
            _ =>
            {
                attempts++;
                throw new ConsulConflictException("PUT", "/v1/txn", "this daemon no longer holds consul-alerts/leader");
            },
            CancellationToken.None));

        attempts.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileTheAttemptFails_ThrowsOperationCanceled()
    {
        var pipelines = new RetryPipelines(_time);
        using var stopping = new CancellationTokenSource();

        var thrown = await Should.ThrowAsync<OperationCanceledException>(() => pipelines.RunAsync(
            Profile,
            new Outage(Profile.Name, _log, _time),
            _ =>
            {
                stopping.Cancel();
                throw new ConsulHttpException("PUT", "/v1/txn", System.Net.HttpStatusCode.InternalServerError, "leadership lost", isRetryable: true);
            },
            stopping.Token));

        thrown.CancellationToken.ShouldBe(stopping.Token);
    }

    [Fact]
    public void Get_SameProfile_BuildsThePipelineOnce()
    {
        var pipelines = new RetryPipelines(_time);

        pipelines.Get(RetryPipelines.StateWrites).ShouldBeSameAs(pipelines.Get(RetryPipelines.StateWrites));
        pipelines.Get(RetryPipelines.StateWrites).ShouldNotBeSameAs(pipelines.Get(RetryPipelines.OutboxRemoval));
    }

    private static ConsulHttpException Refused() => new("PUT", "/v1/txn", System.Net.HttpStatusCode.BadRequest, "refused", isRetryable: false);
}
