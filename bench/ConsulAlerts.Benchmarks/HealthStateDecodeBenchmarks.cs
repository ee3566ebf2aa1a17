using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ConsulAlerts.Consul.Http;

namespace ConsulAlerts.Benchmarks;

/// <summary>
/// Decoding a <c>/v1/health/state/any</c> answer: the baseline (a plain JSON parse of the same bytes) against the
/// client's typed decode. Later engine benchmarks compare their per-snapshot cost with this baseline.
/// </summary>
[MemoryDiagnoser]
public class HealthStateDecodeBenchmarks
{
    private byte[] _payload = [];

    [Params(10_000, 100_000)]
    public int Checks { get; set; }

    [GlobalSetup]
    public void Setup() => _payload = HealthPayload.Build(Checks);

    [Benchmark(Baseline = true)]
    public int ParseOnly()
    {
        using var document = JsonDocument.Parse(_payload);
        return document.RootElement.GetArrayLength();
    }

    [Benchmark]
    public int TypedDecode() => JsonSerializer.Deserialize(_payload, ConsulJsonContext.Default.HealthCheckArray)!.Length;
}
