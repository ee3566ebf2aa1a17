using System.Net;
using System.Text.Json;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Consul.Queries;

namespace ConsulAlerts.Checks;

/// <summary>
/// Reads <c>/v1/health/state/any</c> through the client's transport and decodes the body as it arrives with a
/// <see cref="HealthSnapshotDecoder"/>, which skips what the engine does not use and reuses unchanged strings: the
/// answer (tens of megabytes for a large cluster) is never held whole. One instance per watch: the decoder
/// remembers the previous snapshot.
/// </summary>
internal sealed class HealthSnapshotSource(ConsulClient client)
{
    private const string Path = "v1/health/state/any";

    private readonly HealthSnapshotDecoder _decoder = new();

    public async Task<QueryResult<IReadOnlyList<CheckInfo>>> ReadAsync(QueryOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<CheckInfo> checks = [];
        var request = new ConsulRequest(HttpMethod.Get, Path)
        {
            Query = options,
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
        return new QueryResult<IReadOnlyList<CheckInfo>>(checks, response.Meta);
    }
}
