using System.Text;

namespace ConsulAlerts.Benchmarks;

/// <summary>
/// A realistic health payload: one service check per service, three services per node, a serfHealth per node. Tags as
/// Consul sends them: <c>[]</c> on the node's serfHealth, and each service's own tags on its check (three distinct
/// lists, so neighbouring checks differ and only sharing by content keeps one list per service).
/// </summary>
internal static class HealthPayload
{
    /// <param name="checks">How many checks.</param>
    /// <param name="shift">Moves which checks are critical (every 97th from this offset), for a changed snapshot.</param>
    public static byte[] Build(int checks, int shift = 0)
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
            var tags = (i % 4) switch
            {
                0 => "[]",
                1 => """["v1","blue"]""",
                2 => """["v2","green","canary"]""",
                _ => """["primary","team-db"]""",
            };
            json.Append($$"""
                {"Node":"{{node}}","CheckID":"{{checkId}}","Name":"{{(serf ? "Serf Health Status" : $"Service '{service}' check")}}","Status":"{{((i + shift) % 97 == 0 ? "critical" : "passing")}}","Notes":"","Output":"HTTP GET http://10.0.0.1:8080/health: 200 OK Output: ok","ServiceID":"{{service}}","ServiceName":"{{service}}","ServiceTags":{{tags}},"Type":"{{(serf ? "" : "http")}}","Interval":"10s","Timeout":"5s","ExposedPort":0,"Definition":{"Interval":"10s","Timeout":"5s","DeregisterCriticalServiceAfter":"0s","HTTP":"http://10.0.0.1:8080/health","Header":null,"Method":"","Body":"","TLSServerName":"","TLSSkipVerify":false,"TCP":"","UDP":"","GRPC":"","OSService":"","GRPCUseTLS":false},"CreateIndex":{{10 + i}},"ModifyIndex":{{20 + i}}}
                """);
        }

        json.Append(']');
        return Encoding.UTF8.GetBytes(json.ToString());
    }
}
