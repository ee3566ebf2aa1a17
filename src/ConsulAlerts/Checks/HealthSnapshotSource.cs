using System.Text.Json;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Consul.Queries;

namespace ConsulAlerts.Checks;

/// <summary>
/// Reads <c>/v1/health/state/any</c> through the client's transport and decodes the raw body with a
/// <see cref="HealthSnapshotDecoder"/>, which skips what the engine does not use and reuses unchanged strings.
/// One instance per watch: the decoder remembers the previous snapshot.
/// </summary>
internal sealed class HealthSnapshotSource(ConsulClient client)
{
    private const string Path = "v1/health/state/any";

    private readonly HealthSnapshotDecoder _decoder = new();

    // One snapshot is decoded before the next is read, so one buffer serves every read.
    private readonly ResponseBuffer _buffer = new();

    public async Task<QueryResult<IReadOnlyList<CheckInfo>>> ReadAsync(QueryOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var request = new ConsulRequest(HttpMethod.Get, Path) { Query = options, ResponseBuffer = _buffer };
        var response = await client.Transport.SendAsync(request, cancellationToken);
        IReadOnlyList<CheckInfo> checks;
        try
        {
            checks = response.Body.IsEmpty ? [] : _decoder.Decode(response.Body.Span);
        }
        catch (JsonException ex)
        {
            throw new ConsulException(
                ConsulErrorKind.Http, request.Method.Method, "/" + Path, response.StatusCode,
                $"unexpected response body: {ex.Message}", isRetryable: false, ex);
        }

        return new QueryResult<IReadOnlyList<CheckInfo>>(checks, response.Meta);
    }
}
