using System.Globalization;
using System.Net;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Consul.Queries;

namespace ConsulAlerts.Consul.Kv;

/// <summary><c>/v1/kv/*</c> (docs/ARCHITECTURE.md, "Consul's API"). Option flags are presence-based, so they are only sent when on.</summary>
internal sealed class KvEndpoint(ConsulTransport transport)
{
    private static readonly HttpStatusCode[] NotFoundAccepted = [HttpStatusCode.NotFound];

    /// <summary>One key; a missing key gives a null value with the index to block on.</summary>
    public async Task<QueryResult<KvPair?>> GetAsync(string key, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var request = new ConsulRequest(HttpMethod.Get, KeyPath(key)) { Query = options, AcceptedStatuses = NotFoundAccepted };
        var response = await transport.SendAsync(request, cancellationToken);
        var pairs = response.StatusCode == HttpStatusCode.NotFound ? null : ConsulJson.Read(request, response, ConsulJsonContext.Default.KvPairArray);
        return new QueryResult<KvPair?>(pairs is [var pair, ..] ? pair : null, response.Meta);
    }

    /// <summary>Every key under a prefix (empty when none), with the subtree's index.</summary>
    public async Task<QueryResult<IReadOnlyList<KvPair>>> ListAsync(string prefix, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var request = new ConsulRequest(HttpMethod.Get, KeyPath(prefix))
        {
            Query = options,
            Parameters = [new("recurse", null)],
            AcceptedStatuses = NotFoundAccepted,
        };
        var response = await transport.SendAsync(request, cancellationToken);
        var pairs = response.StatusCode == HttpStatusCode.NotFound ? null : ConsulJson.Read(request, response, ConsulJsonContext.Default.KvPairArray);
        return new QueryResult<IReadOnlyList<KvPair>>(pairs ?? [], response.Meta);
    }

    /// <summary>Key names under a prefix; with a separator each name stops after the next separator.</summary>
    public async Task<QueryResult<IReadOnlyList<string>>> KeysAsync(
        string prefix, string? separator = null, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        List<KeyValuePair<string, string?>> parameters = [new("keys", null)];
        if (!string.IsNullOrEmpty(separator))
        {
            parameters.Add(new("separator", separator));
        }

        var request = new ConsulRequest(HttpMethod.Get, KeyPath(prefix))
        {
            Query = options,
            Parameters = parameters,
            AcceptedStatuses = NotFoundAccepted,
        };
        var response = await transport.SendAsync(request, cancellationToken);
        var keys = response.StatusCode == HttpStatusCode.NotFound ? null : ConsulJson.Read(request, response, ConsulJsonContext.Default.StringArray);
        return new QueryResult<IReadOnlyList<string>>(keys ?? [], response.Meta);
    }

    /// <summary>Writes the raw value; false when a CAS, acquire or release did not take effect.</summary>
    public async Task<bool> PutAsync(string key, ReadOnlyMemory<byte> value, KvPutOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        options ??= new KvPutOptions();
        var modes = (options.Cas is null ? 0 : 1) + (options.Acquire is null ? 0 : 1) + (options.Release is null ? 0 : 1);
        if (modes > 1)
        {
            throw new ArgumentException("Cas, Acquire and Release cannot be combined (the server answers 400 Conflicting flags).", nameof(options));
        }

        // Always send flags: a write without them resets the key's flags to 0.
        List<KeyValuePair<string, string?>> parameters = [new("flags", options.Flags.ToString(CultureInfo.InvariantCulture))];
        if (options.Cas is { } cas)
        {
            parameters.Add(new("cas", cas.ToString(CultureInfo.InvariantCulture)));
        }

        if (options.Acquire is { } acquire)
        {
            ArgumentException.ThrowIfNullOrEmpty(acquire, nameof(options));
            parameters.Add(new("acquire", acquire));
        }

        if (options.Release is { } release)
        {
            ArgumentException.ThrowIfNullOrEmpty(release, nameof(options));
            parameters.Add(new("release", release));
        }

        var request = new ConsulRequest(HttpMethod.Put, KeyPath(key))
        {
            Parameters = parameters,
            Datacenter = options.Datacenter,
            Body = value,
            ContentType = "application/octet-stream",
        };
        var response = await transport.SendAsync(request, cancellationToken);
        return ConsulJson.ReadBool(response);
    }

    /// <summary>
    /// Deletes a key, or a whole prefix with <paramref name="recurse"/> (an empty prefix deletes the entire store).
    /// With <paramref name="cas"/> only if ModifyIndex matches; false when it did not.
    /// </summary>
    public async Task<bool> DeleteAsync(
        string key, bool recurse = false, ulong? cas = null, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!recurse && key.Length == 0)
        {
            throw new ArgumentException("A key is required unless recurse is set.", nameof(key));
        }

        if (recurse && cas is not null)
        {
            throw new ArgumentException("recurse and cas cannot be combined (the server answers 400).", nameof(cas));
        }

        List<KeyValuePair<string, string?>> parameters = [];
        if (recurse)
        {
            parameters.Add(new("recurse", null));
        }

        if (cas is { } index)
        {
            parameters.Add(new("cas", index.ToString(CultureInfo.InvariantCulture)));
        }

        var request = new ConsulRequest(HttpMethod.Delete, KeyPath(key)) { Parameters = parameters, Datacenter = options?.Datacenter };
        var response = await transport.SendAsync(request, cancellationToken);
        return ConsulJson.ReadBool(response);
    }

    private static string KeyPath(string key) => "v1/kv/" + ConsulPaths.EscapeKey(key);
}
