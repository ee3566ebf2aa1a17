using System.Globalization;
using Xunit.Abstractions;

namespace ConsulAlerts.Tests.EndToEnd.Nemesis;

/// <summary>
/// The nemesis suite: three daemons, each behind a link of its own to the agent, while four checks flap for the whole
/// run and a seeded scheduler injects one fault of the catalogue per round (every fault once per cycle, in a random
/// order). After the last round the faults are healed, the flapping stops, the cluster settles, and the history is
/// judged (<see cref="NemesisJudge"/>). The seed is printed; <c>CONSUL_ALERTS_NEMESIS_SEED</c> and
/// <c>CONSUL_ALERTS_NEMESIS_ROUNDS</c> replay a run or make it longer (docs/RELIABILITY.md).
/// </summary>
public abstract class NemesisScenarios(ConsulKind kind, ITestOutputHelper output)
{
    private static readonly TimeSpan Threshold = TimeSpan.FromSeconds(2);

    private static readonly string[] Checks = ["flap-0", "flap-1", "flap-2", "flap-3"];

    /// <summary>Every fault once per cycle; a short run is one cycle.</summary>
    private static IReadOnlyList<INemesisFault> Catalogue() =>
    [
        new KillDaemonFault(),
        new PauseLeaderFault(),
        new RestartConsulFault(),
        new PauseConsulFault(),
        new LinkLatencyFault(),
        new LinkResetFault(),
        new NotifierFault(FlakyReceiver.Mode.Hang, 5, 35),
        new NotifierFault(FlakyReceiver.Mode.Fail, 5, 15),
    ];

    [SkippableFact]
    public async Task Faults_WhileChecksFlap_EveryChangeNotifiedOnceByOneLeaderAtATime()
    {
        var catalogue = Catalogue();
        var settings = NemesisSettings.FromEnvironment(defaultRounds: catalogue.Count);
        output.WriteLine($"nemesis on the {kind}: seed {settings.Seed}, {settings.Rounds} rounds; replay with {NemesisSettings.SeedVariable}={settings.Seed} {NemesisSettings.RoundsVariable}={settings.Rounds}");
        await using var cluster = await ClusterHarness.CreateAsync(new ClusterOptions
        {
            Consul = kind,
            Daemons = 3,
            ProxyPerDaemon = true,
            ChangeThresholdSeconds = (int)Threshold.TotalSeconds,
            DaemonArguments = ["--leader-lock-delay=1s"],
        });
        await using var receiver = await FlakyReceiver.StartAsync();
        receiver.IdentifySender = port =>
            SocketOwners.FindClient(port, receiver.BaseUrl.Port, cluster.Daemons.Where(d => d.Runs > 0).SelectMany(d => d.ProcessIds))?.ToString(CultureInfo.InvariantCulture);
        var clock = new NemesisClock();
        using var flapper = new CheckFlapper(cluster.Consul, Checks, settings.Seed, Threshold, clock);
        using var run = new NemesisRun(cluster, receiver, flapper, clock, Threshold);
        await run.WriteConfigAsync();
        await cluster.StartAllAsync();
        await flapper.RegisterAsync();

        using var stopping = new CancellationTokenSource();
        using var sampling = new CancellationTokenSource();
        var sampler = run.SampleAsync(sampling.Token);
        var flapping = flapper.RunAsync(stopping.Token);
        var random = new Random(settings.Seed);
        var cycle = new List<INemesisFault>();
        for (int round = 1; round <= settings.Rounds; round++)
        {
            if (cycle.Count == 0)
            {
                cycle = [.. catalogue.OrderBy(_ => random.Next())];
            }

            var fault = cycle[0];
            cycle.RemoveAt(0);
            var record = await fault.InjectAsync(run, round, random);
            if (cluster.BrokenReason() is { } broken)
            {
                throw new InvalidOperationException($"round {round} ({fault.Name}): {broken}\n{await cluster.DescribeAsync()}");
            }

            record = record with { Recovered = await run.WaitRecoveredAsync() };
            run.Add(record);
            output.WriteLine(record.ToString());
            await Task.Delay(TimeSpan.FromSeconds(1 + (random.NextDouble() * 2)));
        }

        await stopping.CancelAsync();
        await flapping;
        var judge = new NemesisJudge(Threshold);
        // The last statuses become confirmed changes once held past the threshold and margin; then wait for their
        // notifications (or give up and let the report say what is missing).
        await Task.Delay(Threshold + TimeSpan.FromSeconds(NemesisJudge.Margin + 1));
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        while (waiting.Elapsed < NemesisRun.RecoveryPatience
            && judge.Judge(flapper.Holds, run.Notifications(), run.Faults, run.Samples, clock.Now).Lost.Count > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        await cluster.SettleAsync(); // whatever else was coming has come
        await sampling.CancelAsync();
        await sampler;
        var report = judge.Judge(flapper.Holds, run.Notifications(), run.Faults, run.Samples, clock.Now);
        output.WriteLine($"seed {settings.Seed}, {settings.Rounds} rounds on the {kind}, {clock.Now:0} s");
        output.WriteLine(report.ToString());
        output.WriteLine(string.Join('\n', run.Faults));
        report.Passed.ShouldBeTrue($"seed {settings.Seed}\n{report}\n{await cluster.DescribeAsync()}");
    }
}
