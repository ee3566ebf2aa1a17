using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ConsulAlerts.Consul;

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

/// <summary>A realistic health payload: one service check per service, three services per node, a serfHealth per node.</summary>
internal static class HealthPayload
{
    public static byte[] Build(int checks)
    {
        var json = new StringBuilder(checks * 600);
        json.Append('[');
        for (var i = 0; i < checks; i++)
        {
            if (i > 0)
            {
                json.Append(',');
            }

            var node = $"node-{i / 4:D6}";
            var serf = i % 4 == 0;
            var service = serf ? "" : $"svc-{i % 4}";
            var checkId = serf ? "serfHealth" : $"service:{service}";
            json.Append($$"""
                {"Node":"{{node}}","CheckID":"{{checkId}}","Name":"{{(serf ? "Serf Health Status" : $"Service '{service}' check")}}","Status":"{{(i % 97 == 0 ? "critical" : "passing")}}","Notes":"","Output":"HTTP GET http://10.0.0.1:8080/health: 200 OK Output: ok","ServiceID":"{{service}}","ServiceName":"{{service}}","ServiceTags":["v1","blue"],"Type":"{{(serf ? "" : "http")}}","Interval":"10s","Timeout":"5s","ExposedPort":0,"Definition":{"Interval":"10s","Timeout":"5s","DeregisterCriticalServiceAfter":"0s","HTTP":"http://10.0.0.1:8080/health","Header":null,"Method":"","Body":"","TLSServerName":"","TLSSkipVerify":false,"TCP":"","UDP":"","GRPC":"","OSService":"","GRPCUseTLS":false},"CreateIndex":{{10 + i}},"ModifyIndex":{{20 + i}}}
                """);
        }

        json.Append(']');
        return Encoding.UTF8.GetBytes(json.ToString());
    }
}
