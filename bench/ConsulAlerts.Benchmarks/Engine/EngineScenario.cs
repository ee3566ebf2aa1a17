using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Hosting;
using ConsulAlerts.Storage;
using ConsulAlerts.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsulAlerts.Benchmarks.Engine;

/// <summary>
/// The <c>engine</c> scenario: a dev agent (separate process) holding N checks, the daemon's real composition
/// (<see cref="ConsulAlertsServiceCollectionExtensions.AddConsulAlerts"/> and its hosted services) in this process with a
/// recording notifier in place of the log notifier, and a load that flips a fraction of the checks every second.
/// Reports requests per change batch, CPU per snapshot, peak memory and flip-to-notify latency.
/// </summary>
internal static class EngineScenario
{
    private const int NodesPerTxn = 8; // 8 nodes × (1 node + 3 services + 4 checks) = 64 operations, Consul's limit
    private const int MaxTxnOps = 64;

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = EngineSettings.Parse(args);
        Console.WriteLine($"engine scenario: {settings.Checks:N0} checks, {settings.FlipsPerSecond} flips/s, threshold {settings.Threshold.TotalSeconds:0} s, flipping for {settings.Duration.TotalSeconds:0} s");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");

        using var agent = await DevAgentProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = agent.Address, Timeout = TimeSpan.FromSeconds(60) };
        var checks = CheckSpec.Layout(settings.Checks);

        var load = Stopwatch.StartNew();
        await LoadAsync(http, checks);
        await PutKvAsync(http, "consul-alerts/config/checks/change-threshold", settings.Threshold.TotalSeconds.ToString(CultureInfo.InvariantCulture));
        Console.WriteLine($"loaded {checks.Length:N0} checks into the dev agent in {load.Elapsed.TotalSeconds:F1} s");
        Memory("before the engine starts");

        var counter = new RequestCounter();
        var recorder = new NotificationRecorder(settings.Threshold, counter);
        var result = new EngineResult { Settings = settings };

        using (var host = BuildEngine(agent.Address, recorder, counter))
        {
            var engine = host.Services.GetRequiredService<CheckEngine>();
            var writer = host.Services.GetRequiredService<StateWriter>();
            var start = Stopwatch.StartNew();
            await host.StartAsync();
            while (engine.All.Count < checks.Length)
            {
                await Task.Delay(50);
                if (start.Elapsed > TimeSpan.FromMinutes(5))
                {
                    throw new TimeoutException($"the engine tracks {engine.All.Count} of {checks.Length} checks after 5 minutes");
                }
            }

            result.FirstSnapshotSeconds = start.Elapsed.TotalSeconds;
            Memory("every check tracked");
            await writer.FlushAsync(TimeSpan.FromMinutes(5), TimeProvider.System);
            result.StartupSeconds = start.Elapsed.TotalSeconds;
            result.StartupRequests = counter.Snapshot();
            Memory("initial state written");
            Console.WriteLine($"engine tracks every check after {result.FirstSnapshotSeconds:F1} s; initial state written after {result.StartupSeconds:F1} s ({result.StartupRequests})");

            await SettleAsync(counter);
            counter.Reset();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var flipStart = Stopwatch.StartNew();
            result.Batches = await FlipAsync(http, checks, settings, recorder);
            await recorder.WaitForAsync(recorder.Expected, settings.Threshold + TimeSpan.FromSeconds(30));
            await writer.FlushAsync(TimeSpan.FromMinutes(5), TimeProvider.System);
            await SettleAsync(counter);
            result.FlipPhaseSeconds = flipStart.Elapsed.TotalSeconds;
            result.FlipPhaseCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            result.FlipRequests = counter.Snapshot();
            Memory("flip phase over");
            result.Latency = recorder.Summary();
            result.AgentTimes = recorder.AgentTimes();

            await host.StopAsync();
        }

        // Peak of the engine process (the dev agent is another process), before the offline snapshot measurement.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        result.PeakRssBytes = ProcStatus.Read("self", "VmHWM");
        result.RssAfterGcBytes = ProcStatus.Read("self", "VmRSS");
        var gc = GC.GetGCMemoryInfo();
        result.GcHeapAfterGcBytes = gc.HeapSizeBytes;
        result.GcCommittedBytes = gc.TotalCommittedBytes;
        result.AgentPeakRssBytes = ProcStatus.Read(agent.ProcessId.ToString(CultureInfo.InvariantCulture), "VmHWM");

        result.Snapshot = await SnapshotCost.MeasureAsync(http, checks, settings);
        result.Print();
        return 0;
    }

    internal static IHost BuildEngine(Uri agent, NotificationRecorder recorder, RequestCounter counter, TimeSpan? leaderTtl = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddSimpleConsole();
        var options = new ConsulAlertsOptions
        {
            AlertAddress = "127.0.0.1:9000", // not bound: the HTTP API is not part of this scenario
            Consul = new ConsulClientOptions { Address = $"{agent.Host}:{agent.Port}" },
        };
        if (leaderTtl is { } ttl)
        {
            options = options with { LeaderTtl = ttl };
        }

        builder.Services.AddConsulAlerts(options);

        // The log notifier is on by default; the recorder takes its place, so every message reaches it.
        var log = builder.Services.Single(d => d.ServiceType == typeof(INotifier) && d.ImplementationType?.Name == "LogNotifier");
        builder.Services.Remove(log);
        builder.Services.AddSingleton<INotifier>(recorder);

        // Counts what the engine sends to Consul, on the daemon's own named client.
        builder.Services.AddHttpClient("consul").AddHttpMessageHandler(() => new CountingHandler(counter));
        return builder.Build();
    }

    /// <summary>The process's memory at a phase of the run: VmHWM only grows, so it tells which phase reached the peak.</summary>
    private static void Memory(string phase)
    {
        static string Mb(long bytes) => (bytes / 1048576.0).ToString("F0", CultureInfo.InvariantCulture) + " MB";
        var gc = GC.GetGCMemoryInfo();
        Console.WriteLine($"memory, {phase}: RSS {Mb(ProcStatus.Read("self", "VmRSS"))}, peak RSS {Mb(ProcStatus.Read("self", "VmHWM"))}, GC heap {Mb(gc.HeapSizeBytes)}, GC committed {Mb(gc.TotalCommittedBytes)}");
    }

    internal static async Task LoadAsync(HttpClient http, CheckSpec[] checks)
    {
        var nodes = checks.GroupBy(c => c.Node).ToArray();
        var batches = nodes.Chunk(NodesPerTxn).ToArray();
        var next = -1;
        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches.Length)
            {
                var ops = new List<string>(MaxTxnOps);
                foreach (var node in batches[i])
                {
                    ops.Add("{\"Node\":{\"Verb\":\"set\",\"Node\":{\"Node\":\"" + node.Key + "\",\"Address\":\"10.0.0.1\"}}}");
                    foreach (var service in node.Where(c => c.ServiceId.Length > 0))
                    {
                        ops.Add("{\"Service\":{\"Verb\":\"set\",\"Node\":\"" + node.Key + "\",\"Service\":{\"ID\":\"" + service.ServiceId + "\",\"Service\":\"" + service.ServiceId + "\",\"Tags\":[\"v1\",\"blue\"],\"Port\":8080}}}");
                    }

                    foreach (var check in node)
                    {
                        ops.Add(check.Op("passing"));
                    }
                }

                await TxnAsync(http, ops);
            }
        }

        await Task.WhenAll(Worker(), Worker());
    }

    /// <summary>
    /// Each second: N new checks go critical, and those that went critical 2 × threshold ago go back to passing, so
    /// each flip holds past the threshold and is notified once each way. Returns the number of change batches.
    /// </summary>
    private static async Task<int> FlipAsync(HttpClient http, CheckSpec[] checks, EngineSettings settings, NotificationRecorder recorder)
    {
        var holdTicks = (int)Math.Ceiling(2 * settings.Threshold.TotalSeconds);
        var failTicks = (int)settings.Duration.TotalSeconds;
        var failed = new List<CheckSpec[]>();
        var stride = checks.Length / settings.FlipsPerSecond; // spread flips over nodes and services
        var cursor = 0;
        var batches = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        for (var tick = 0; tick < failTicks + holdTicks; tick++)
        {
            var ops = new List<(CheckSpec Check, string Status)>();
            if (tick < failTicks)
            {
                var now = new CheckSpec[settings.FlipsPerSecond];
                for (var i = 0; i < now.Length; i++)
                {
                    now[i] = checks[((i * stride) + cursor) % checks.Length];
                }

                cursor++;
                failed.Add(now);
                ops.AddRange(now.Select(c => (c, "critical")));
            }

            if (tick >= holdTicks)
            {
                ops.AddRange(failed[tick - holdTicks].Select(c => (c, "passing")));
            }

            foreach (var chunk in ops.Chunk(MaxTxnOps))
            {
                var sent = Stopwatch.GetTimestamp();
                foreach (var (check, status) in chunk)
                {
                    recorder.Expect(check, status, sent);
                }

                await TxnAsync(http, chunk.Select(c => c.Check.Op(c.Status)).ToList());
                recorder.Applied(sent, Stopwatch.GetTimestamp());
            }

            batches++;
            await timer.WaitForNextTickAsync();
        }

        return batches;
    }

    internal static async Task SettleAsync(RequestCounter counter)
    {
        // Quiet means no request started for 2 s besides the blocking health read and config watch.
        var last = counter.Snapshot().Total;
        for (var quiet = 0; quiet < 4;)
        {
            await Task.Delay(500);
            var now = counter.Snapshot().Total;
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
    }

    internal static async Task TxnAsync(HttpClient http, IReadOnlyList<string> ops)
    {
        using var content = new StringContent("[" + string.Join(",", ops) + "]", Encoding.UTF8, "application/json");
        using var response = await http.PutAsync("v1/txn", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"txn failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    internal static async Task PutKvAsync(HttpClient http, string key, string value)
    {
        using var content = new StringContent(value);
        using var response = await http.PutAsync($"v1/kv/{key}", content);
        response.EnsureSuccessStatusCode();
    }
}

internal sealed record CheckSpec(string Node, string CheckId, string Name, string ServiceId)
{
    private const string PassingOutput = "HTTP GET http://10.0.0.1:8080/health: 200 OK Output: ok";
    private const string FailingOutput = "HTTP GET http://10.0.0.1:8080/health: 503 Service Unavailable";

    /// <summary>Four checks per node: <c>serfHealth</c> and one HTTP check for each of three services.</summary>
    public static CheckSpec[] Layout(int count)
    {
        var checks = new CheckSpec[count];
        for (var i = 0; i < count; i++)
        {
            var node = $"node-{i / 4:D6}";
            checks[i] = i % 4 == 0
                ? new CheckSpec(node, "serfHealth", "Serf Health Status", "")
                : new CheckSpec(node, $"service:svc-{i % 4}", $"Service 'svc-{i % 4}' check", $"svc-{i % 4}");
        }

        return checks;
    }

    public string Op(string status) =>
        "{\"Check\":{\"Verb\":\"set\",\"Check\":{\"Node\":\"" + Node + "\",\"CheckID\":\"" + CheckId + "\",\"Name\":\"" + Name
        + "\",\"Status\":\"" + status + "\",\"Output\":\"" + (status == "passing" ? PassingOutput : FailingOutput)
        + "\",\"ServiceID\":\"" + ServiceId + "\",\"Type\":\"" + (ServiceId.Length == 0 ? "" : "http") + "\"}}}";
}

internal sealed record EngineSettings(int Checks, TimeSpan Duration, TimeSpan Threshold, double FlipRate)
{
    public int FlipsPerSecond => Math.Max(1, (int)Math.Round(Checks * FlipRate));

    public static EngineSettings Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        double Get(string name, double fallback) =>
            values.TryGetValue(name, out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
        return new EngineSettings(
            (int)Get("checks", 10_000),
            TimeSpan.FromSeconds(Get("duration", 60)),
            TimeSpan.FromSeconds(Get("threshold", 5)),
            Get("flip-rate", 0.001));
    }
}

/// <summary>Stands in for the log notifier: records when each message arrives, against when its flip was sent.</summary>
internal sealed class NotificationRecorder(TimeSpan threshold, RequestCounter counter) : INotifier
{
    private readonly ConcurrentQueue<(long Sent, long Done)> _txns = new();

    private readonly ConcurrentDictionary<(string Node, string CheckId, string Status), long> _sent = new();
    private readonly ConcurrentBag<double> _latencies = new();
    private int _unexpected;
    private int _received;

    public string Name => "log";

    public int Expected { get; private set; }

    public void Expect(CheckSpec check, string status, long sentTimestamp)
    {
        _sent[(check.Node, check.CheckId, status)] = sentTimestamp;
        Expected++;
    }

    /// <summary>A flip transaction was sent at <paramref name="sent"/> and answered at <paramref name="done"/>.</summary>
    public void Applied(long sent, long done) => _txns.Enqueue((sent, done));

    /// <summary>
    /// Transaction round trip (the dev agent applying the flips), and from sending a flip to the headers of the first
    /// health answer the engine receives after the flip was applied (the agent has started streaming the new snapshot).
    /// </summary>
    public (double TxnP50, double TxnP99, double LagP50, double LagP99) AgentTimes()
    {
        var health = counter.HealthAnswers();
        var rtt = new List<double>();
        var lag = new List<double>();
        foreach (var (sent, done) in _txns)
        {
            rtt.Add(Stopwatch.GetElapsedTime(sent, done).TotalMilliseconds);
            var index = Array.BinarySearch(health, done);
            index = index < 0 ? ~index : index;
            if (index < health.Length)
            {
                lag.Add(Stopwatch.GetElapsedTime(sent, health[index]).TotalMilliseconds);
            }
        }

        return (Percentile(rtt, 0.5), Percentile(rtt, 0.99), Percentile(lag, 0.5), Percentile(lag, 0.99));
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        return values[Math.Min(values.Count - 1, (int)Math.Ceiling(p * values.Count) - 1)];
    }

    public Task<NotifyResult> NotifyAsync(IReadOnlyList<Message> messages, NotifierConfig config, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var message in messages)
        {
            if (_sent.TryRemove((message.Node, message.CheckId, message.Status), out var sent))
            {
                _latencies.Add((Stopwatch.GetElapsedTime(sent, now) - threshold).TotalMilliseconds);
                Interlocked.Increment(ref _received);
            }
            else
            {
                Interlocked.Increment(ref _unexpected);
            }
        }

        return Task.FromResult(NotifyResult.Ok);
    }

    public async Task WaitForAsync(int count, TimeSpan patience)
    {
        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref _received) < count && deadline.Elapsed < patience)
        {
            await Task.Delay(100);
        }
    }

    public LatencySummary Summary()
    {
        var sorted = _latencies.OrderBy(x => x).ToArray();
        double At(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new LatencySummary(Expected, sorted.Length, _sent.Count, _unexpected, At(0.5), At(0.99), sorted.Length == 0 ? double.NaN : sorted[^1], sorted.Length == 0 ? double.NaN : sorted[0]);
    }
}

internal sealed record LatencySummary(int Expected, int Matched, int Missing, int Unexpected, double P50Ms, double P99Ms, double MaxMs, double MinMs);

/// <summary>Counts requests on the daemon's Consul client by kind.</summary>
internal sealed class RequestCounter
{
    private readonly ConcurrentQueue<long> _healthAnswers = new();
    private long _health;
    private long _txn;
    private long _kv;
    private long _other;

    public void HealthAnswered() => _healthAnswers.Enqueue(Stopwatch.GetTimestamp());

    public long[] HealthAnswers() => _healthAnswers.OrderBy(t => t).ToArray();

    private readonly ConcurrentDictionary<string, long> _byEndpoint = new(StringComparer.Ordinal);

    public void Count(HttpRequestMessage request)
    {
        var path = request.RequestUri?.AbsolutePath ?? "";
        _byEndpoint.AddOrUpdate(Endpoint(request.Method, path, request.RequestUri?.Query ?? ""), 1, (_, n) => n + 1);
        if (path.StartsWith("/v1/health/", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _health);
        }
        else if (path.StartsWith("/v1/txn", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _txn);
        }
        else if (path.StartsWith("/v1/kv/", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _kv);
        }
        else
        {
            Interlocked.Increment(ref _other);
        }
    }

    /// <summary>Requests by endpoint since the last <see cref="Reset"/>, most first.</summary>
    public IReadOnlyList<(string Endpoint, long Count)> ByEndpoint() =>
        _byEndpoint.Select(p => (p.Key, p.Value)).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();

    /// <summary>Method and the path up to the endpoint (KV keys and session IDs left out), marked when blocking.</summary>
    private static string Endpoint(HttpMethod method, string path, string query)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var depth = segments.Length > 1 && segments[1] is "kv" or "txn" ? 2 : 3;
        var endpoint = "/" + string.Join('/', segments.Take(depth));
        var blocking = query.Contains("index=", StringComparison.Ordinal) ? " (blocking)" : "";
        return $"{method.Method} {endpoint}{blocking}";
    }

    public void Reset()
    {
        _byEndpoint.Clear();
        Interlocked.Exchange(ref _health, 0);
        Interlocked.Exchange(ref _txn, 0);
        Interlocked.Exchange(ref _kv, 0);
        Interlocked.Exchange(ref _other, 0);
    }

    public RequestCounts Snapshot() => new(Interlocked.Read(ref _health), Interlocked.Read(ref _txn), Interlocked.Read(ref _kv), Interlocked.Read(ref _other));
}

internal sealed record RequestCounts(long Health, long Txn, long Kv, long Other)
{
    public long Total => Health + Txn + Kv + Other;

    public override string ToString() => $"{Total} requests: {Health} health, {Txn} txn, {Kv} kv, {Other} other";
}

internal sealed class CountingHandler(RequestCounter counter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        counter.Count(request);
        var response = await base.SendAsync(request, cancellationToken);
        if (request.RequestUri?.AbsolutePath.StartsWith("/v1/health/", StringComparison.Ordinal) == true)
        {
            counter.HealthAnswered();
        }

        return response;
    }
}

internal static class ProcStatus
{
    /// <summary>A size field of <c>/proc/&lt;pid&gt;/status</c> (VmHWM, VmRSS), in bytes; -1 if unavailable.</summary>
    public static long Read(string pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    var kb = line[(field.Length + 1)..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return -1;
    }
}

/// <summary>The dev agent as a child process, so its memory and CPU are not the engine's.</summary>
internal sealed class DevAgentProcess : IDisposable
{
    private readonly Process _process;

    private DevAgentProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public static async Task<DevAgentProcess> StartAsync()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "consul-alerts.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("dev-agent");
        info.ArgumentList.Add("--port");
        info.ArgumentList.Add("0");
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start the dev agent");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("dev agent: " + e.Data);
            }
        };
        process.BeginErrorReadLine();
        const string Prefix = "dev agent listening on ";
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line is null || !line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"dev agent did not start: {line}");
        }

        var address = new Uri(line[Prefix.Length..].Trim().TrimEnd('/') + "/");
        Console.WriteLine($"dev agent (pid {process.Id}) at {address}");
        return new DevAgentProcess(process, address);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}

/// <summary>
/// CPU per full snapshot, on the engine's own snapshot path (<see cref="HealthSnapshotDecoder.DecodeAsync"/> + <see cref="CheckTracker.Apply"/>)
/// fed with real dev agent answers that differ by one second's flips, against <see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/>
/// of the same bytes. Single-threaded, measured one after the other.
/// </summary>
internal static class SnapshotCost
{
    private const int Rounds = 7;

    public static async Task<SnapshotResult> MeasureAsync(HttpClient http, CheckSpec[] checks, EngineSettings settings)
    {
        // Reset every check to passing, then fetch one payload per round, each after one more second's worth of flips.
        var payloads = new List<byte[]>();
        var cursor = 0;
        var stride = checks.Length / settings.FlipsPerSecond;
        for (var round = 0; round <= Rounds; round++)
        {
            if (round > 0)
            {
                var flips = Enumerable.Range(0, settings.FlipsPerSecond).Select(i => checks[((i * stride) + cursor) % checks.Length].Op("critical")).ToList();
                cursor++;
                foreach (var chunk in flips.Chunk(64))
                {
                    await EngineScenario.TxnAsync(http, chunk);
                }
            }

            payloads.Add(await http.GetByteArrayAsync("v1/health/state/any"));
        }

        var decoder = new HealthSnapshotDecoder();
        var tracker = new CheckTracker(new AlertsConfigStore(), new NullSink(), NullLogger<CheckTracker>.Instance, TimeProvider.System);
        using (tracker)
        {
            var cold = Time(() => tracker.Apply(Streamed(decoder, payloads[0])));
            for (var warm = 0; warm < 2; warm++)
            {
                using var document = JsonDocument.Parse(payloads[0]);
                _ = document.RootElement.GetArrayLength();
            }

            var parse = new List<Sample>();
            var engine = new List<Sample>();
            for (var round = 1; round <= Rounds; round++)
            {
                var bytes = payloads[round];
                parse.Add(Time(() =>
                {
                    using var document = JsonDocument.Parse(bytes);
                    _ = document.RootElement.GetArrayLength();
                }));
                engine.Add(Time(() => tracker.Apply(Streamed(decoder, bytes))));
            }

            return new SnapshotResult(payloads[^1].Length, cold, Median(parse), Median(engine));
        }
    }

    /// <summary>The engine's path: the body decoded as a stream (a memory stream completes each read at once).</summary>
    private static IReadOnlyList<CheckInfo> Streamed(HealthSnapshotDecoder decoder, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return decoder.DecodeAsync(stream, CancellationToken.None).GetAwaiter().GetResult();
    }

    private static Sample Median(List<Sample> samples)
    {
        var byWall = samples.OrderBy(s => s.WallMs).ToArray();
        return byWall[byWall.Length / 2];
    }

    private static Sample Time(Action action)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        GC.WaitForPendingFinalizers();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        action();
        var wallMs = wall.Elapsed.TotalMilliseconds;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        return new Sample(wallMs, cpuMs, GC.GetAllocatedBytesForCurrentThread() - allocated);
    }

    private sealed class NullSink : IDecisionSink
    {
        public void Accept(CheckDecisions decisions)
        {
        }
    }
}

internal sealed record Sample(double WallMs, double ProcessCpuMs, long AllocatedBytes);

internal sealed record SnapshotResult(int PayloadBytes, Sample Cold, Sample Parse, Sample Engine);

internal sealed class EngineResult
{
    public required EngineSettings Settings { get; init; }

    public double FirstSnapshotSeconds { get; set; }

    public double StartupSeconds { get; set; }

    public RequestCounts StartupRequests { get; set; } = new(0, 0, 0, 0);

    public int Batches { get; set; }

    public double FlipPhaseSeconds { get; set; }

    public TimeSpan FlipPhaseCpu { get; set; }

    public RequestCounts FlipRequests { get; set; } = new(0, 0, 0, 0);

    public LatencySummary Latency { get; set; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    public (double TxnP50, double TxnP99, double LagP50, double LagP99) AgentTimes { get; set; }

    public long PeakRssBytes { get; set; }

    public long RssAfterGcBytes { get; set; }

    public long AgentPeakRssBytes { get; set; }

    public long GcHeapAfterGcBytes { get; set; }

    public long GcCommittedBytes { get; set; }

    public SnapshotResult? Snapshot { get; set; }

    public void Print()
    {
        static string Mb(long bytes) => (bytes / 1048576.0).ToString("F0", CultureInfo.InvariantCulture) + " MB";
        var r = FlipRequests;
        double PerBatch(long n) => (double)n / Batches;
        var s = Snapshot!;
        Console.WriteLine();
        Console.WriteLine($"## engine, {Settings.Checks:N0} checks");
        Console.WriteLine("| Measure | Value |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine($"| Checks / flips per second / threshold | {Settings.Checks:N0} / {Settings.FlipsPerSecond} / {Settings.Threshold.TotalSeconds:0} s |");
        Console.WriteLine($"| Engine start: all checks tracked / initial state written | {FirstSnapshotSeconds:F1} s / {StartupSeconds:F1} s ({StartupRequests}) |");
        Console.WriteLine($"| Change batches (seconds with flips) | {Batches} over {FlipPhaseSeconds:F0} s |");
        Console.WriteLine($"| Consul requests per change batch | {PerBatch(r.Total):F2} (health {PerBatch(r.Health):F2}, txn {PerBatch(r.Txn):F2}, kv {PerBatch(r.Kv):F2}, other {PerBatch(r.Other):F2}) |");
        Console.WriteLine($"| Notifications expected / matched / missing / unexpected | {Latency.Expected} / {Latency.Matched} / {Latency.Missing} / {Latency.Unexpected} |");
        Console.WriteLine($"| Flip-to-notify beyond threshold, p50 / p99 / max (min) | {Latency.P50Ms:F0} / {Latency.P99Ms:F0} / {Latency.MaxMs:F0} ms ({Latency.MinMs:F0} ms) |");
        Console.WriteLine($"| Flip txn round trip at the dev agent, p50 / p99 | {AgentTimes.TxnP50:F0} / {AgentTimes.TxnP99:F0} ms |");
        Console.WriteLine($"| Flip sent to first health answer started after the flip was applied (an upper bound: may be the next change's answer), p50 / p99 | {AgentTimes.LagP50:F0} / {AgentTimes.LagP99:F0} ms |");
        Console.WriteLine($"| Whole engine process CPU in the flip phase (incl. load generator, HTTP, notifications), per health snapshot read | {FlipPhaseCpu.TotalSeconds:F1} s / {r.Health} = {(r.Health == 0 ? 0 : FlipPhaseCpu.TotalMilliseconds / r.Health):F0} ms |");
        Console.WriteLine($"| Snapshot payload | {s.PayloadBytes / 1048576.0:F1} MB |");
        Console.WriteLine($"| JsonDocument.Parse, median (process CPU) | {s.Parse.WallMs:F0} ms ({s.Parse.ProcessCpuMs:F0} ms) |");
        Console.WriteLine($"| Decode + Apply, changed snapshot, median (process CPU) | {s.Engine.WallMs:F0} ms ({s.Engine.ProcessCpuMs:F0} ms), {s.Engine.WallMs / s.Parse.WallMs:F2}× parse, {Mb(s.Engine.AllocatedBytes)} allocated |");
        Console.WriteLine($"| Decode + Apply, first snapshot (process CPU) | {s.Cold.WallMs:F0} ms ({s.Cold.ProcessCpuMs:F0} ms), {s.Cold.WallMs / s.Parse.WallMs:F2}× parse, {Mb(s.Cold.AllocatedBytes)} allocated |");
        Console.WriteLine($"| Engine process peak RSS (VmHWM) / RSS after full GC | {Mb(PeakRssBytes)} / {Mb(RssAfterGcBytes)} |");
        Console.WriteLine($"| GC heap after full GC / GC committed | {Mb(GcHeapAfterGcBytes)} / {Mb(GcCommittedBytes)} |");
        Console.WriteLine($"| Dev agent peak RSS (separate process, not counted) | {Mb(AgentPeakRssBytes)} |");
    }
}
