using System.Text.Json;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Blocking;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Hosting;
using ConsulAlerts.Silences;
using ConsulAlerts.Tests.EndToEnd;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsulAlerts.Tests.Silences;

/// <summary>The KV round trip and a lost CAS, against the dev agent and a real Consul agent.</summary>
public sealed class SilenceWriterAgentTests
{
    private const string Prefix = "consul-alerts";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [SkippableTheory]
    [InlineData(ConsulKind.DevAgent)]
    [InlineData(ConsulKind.RealAgent)]
    public async Task CreateWatchAndExpire_AnotherWriterInBetween_BothChangesKept(ConsulKind kind)
    {
        await using var agent = await ConsulUnderTest.StartAsync(kind);
        var options = new ConsulClientOptions { Address = agent.Address.ToString() };
        using var handler = new InterferingConsulHandler();
        using var consul = new ConsulClient(new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, options);
        using var other = ConsulClient.Create(options);
        var daemon = new ConsulAlertsOptions { KvPrefix = Prefix };
        using var writerStore = new SilenceStore();
        var writer = new SilenceWriter(consul, daemon, writerStore, TimeProvider.System, NullLogger<SilenceWriter>.Instance);
        using var watched = new SilenceStore();
        using var watcher = new SilenceWatcher(other, daemon, watched, NullLogger<SilenceWatcher>.Instance, TimeProvider.System)
        {
            LoopOptions = new BlockingQueryLoopOptions { WaitTime = TimeSpan.FromSeconds(10), RateLimitInterval = TimeSpan.Zero },
        };
        await watcher.StartAsync(CancellationToken.None);
        try
        {
            var request = new SilenceRequest
            {
                Matchers = [new SilenceMatcher { Name = "service", Value = "api|web", IsRegex = true }],
                EndsAt = DateTimeOffset.UtcNow.AddHours(1).ToString("O"),
                CreatedBy = "ops",
                Comment = "deploy",
            };

            var created = await writer.CreateAsync(request, CancellationToken.None);

            var id = created.Silence!.Id;
            var key = $"{Prefix}/silences/{id}";
            var raw = (await other.Kv.GetAsync(key)).Value!;
            var json = JsonDocument.Parse(raw.Value).RootElement;
            json.EnumerateObject().Select(p => p.Name).ShouldBe(["id", "matchers", "startsAt", "endsAt", "createdBy", "comment", "updatedAt"]);
            json.GetProperty("matchers")[0].GetProperty("isEqual").GetBoolean().ShouldBeTrue();
            json.GetProperty("endsAt").GetString()!.ShouldEndWith("Z");
            await Eventually.ShouldHoldAsync(() => watched.TryGet(id, out _), "the watcher reads the new silence", Patience);

            // Another daemon edits the silence between this writer's read and its CAS write.
            handler.InterfereWhen = r => r.Method == HttpMethod.Put && r.RequestUri!.Query.Contains("cas=", StringComparison.Ordinal);
            handler.Interference = async () =>
            {
                var pair = (await other.Kv.GetAsync(key)).Value!;
                var theirs = SilenceCodec.Decode(pair.Value, id).Silence! with { Comment = "deploy, extended by another operator" };
                (await other.Kv.PutAsync(key, SilenceCodec.Encode(theirs))).ShouldBeTrue();
            };

            var expired = await writer.ExpireAsync(id, CancellationToken.None);

            expired.Result.ShouldBe(SilenceWriteResult.Done);
            handler.Done.ShouldBe(1);
            var stored = SilenceCodec.Decode((await other.Kv.GetAsync(key)).Value!.Value, id).Silence!;
            stored.Comment.ShouldBe("deploy, extended by another operator", "the other writer's change is kept");
            stored.StatusAt(DateTimeOffset.UtcNow).ShouldBe(SilenceStatus.Expired, "and so is this one's");
            await Eventually.ShouldHoldAsync(
                () => watched.TryGet(id, out var seen) && seen.Silence.Comment == stored.Comment && seen.Silence.EndsAt == stored.EndsAt,
                "the watcher reads the expired silence with both changes",
                Patience);
        }
        finally
        {
            await watcher.StopAsync(CancellationToken.None);
        }
    }
}
