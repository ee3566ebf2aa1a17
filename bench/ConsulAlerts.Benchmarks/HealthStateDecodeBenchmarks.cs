using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ConsulAlerts.Checks;
using ConsulAlerts.Consul.Http;

namespace ConsulAlerts.Benchmarks;

/// <summary>
/// Decoding a <c>/v1/health/state/any</c> answer: the baseline (a plain JSON parse of the same bytes) against the
/// client's typed decode and the check engine's snapshot decoder (a first snapshot, which builds every check, and an
/// unchanged one, which reuses every check of the previous snapshot).
/// </summary>
[MemoryDiagnoser]
public class HealthStateDecodeBenchmarks
{
    private byte[] _payload = [];
    private HealthSnapshotDecoder _primed = new();

    [Params(10_000, 100_000)]
    public int Checks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _payload = HealthPayload.Build(Checks);
        _primed = new HealthSnapshotDecoder();
        _primed.Decode(_payload);
    }

    [Benchmark(Baseline = true)]
    public int ParseOnly()
    {
        using var document = JsonDocument.Parse(_payload);
        return document.RootElement.GetArrayLength();
    }

    [Benchmark]
    public int TypedDecode() => JsonSerializer.Deserialize(_payload, ConsulJsonContext.Default.HealthCheckArray)!.Length;

    [Benchmark]
    public int SnapshotFirst() => new HealthSnapshotDecoder().Decode(_payload).Count;

    [Benchmark]
    public int SnapshotUnchanged() => _primed.Decode(_payload).Count;
}
