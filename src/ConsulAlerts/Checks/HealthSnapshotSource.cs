using System.Net;
using System.Text.Json;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Consul.Queries;
using ConsulAlerts.Leadership;

namespace ConsulAlerts.Checks;

/// <summary>
/// Reads <c>/v1/health/state/any</c> through the client's transport and decodes the body as it arrives with a
/// <see cref="HealthSnapshotDecoder"/>, which skips what the engine does not use and reuses unchanged strings: the
/// answer (tens of megabytes for a large cluster) is never held whole. One instance per watch: the decoder
/// remembers the previous snapshot. The daemons' own leader checks (<see cref="LeaderLeaseCheck"/>) are left out: they
/// are how leadership is kept, not something anyone is paged about.
/// </summary>
/// <param name="client">The Consul client.</param>
/// <param name="datacenter">Another datacenter to read through the agent (<c>?dc=</c>), stamped on every check; empty for the agent's own.</param>
internal sealed class HealthSnapshotSource(ConsulClient client, string datacenter = "")
{
    private const string Path = "v1/health/state/any";

    private readonly HealthSnapshotDecoder _decoder = new() { Datacenter = datacenter };

    public async Task<QueryResult<IReadOnlyList<CheckInfo>>> ReadAsync(QueryOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<CheckInfo> checks = [];
        var request = new ConsulRequest(HttpMethod.Get, Path)
        {
            Query = datacenter.Length == 0 ? options : options with { Datacenter = datacenter },
            BodyReader = async (stream, token) =>
            {
                try
                {
                    checks = await _decoder.DecodeAsync(stream, token);
                }
                catch (JsonException ex)
                {
                    throw new ConsulException(
                        ConsulErrorKind.Http, "GET", "/" + Path, HttpStatusCode.OK,
                        $"unexpected response body: {ex.Message}", isRetryable: false, ex);
                }
            },
        };
        var response = await client.Transport.SendAsync(request, cancellationToken);
        return new QueryResult<IReadOnlyList<CheckInfo>>(WithoutLeaderChecks(checks), response.Meta);
    }

    /// <summary>The snapshot without leader checks; the same list (no copy) when it has none, as almost always.</summary>
    internal static IReadOnlyList<CheckInfo> WithoutLeaderChecks(IReadOnlyList<CheckInfo> checks)
    {
        for (var i = 0; i < checks.Count; i++)
        {
            if (LeaderLeaseCheck.IsLeaderCheck(checks[i].CheckId))
            {
                return [.. checks.Where(c => !LeaderLeaseCheck.IsLeaderCheck(c.CheckId))];
            }
        }

        return checks;
    }
}
