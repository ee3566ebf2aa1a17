using ConsulAlerts.Consul.Http;
using ConsulAlerts.Consul.Queries;
namespace ConsulAlerts.Consul.Catalog;

/// <summary><c>/v1/catalog/*</c> reads (docs/ARCHITECTURE.md, "Consul's API").</summary>
internal sealed class CatalogEndpoint(ConsulTransport transport)
{
    public async Task<QueryResult<IReadOnlyList<CatalogNode>>> NodesAsync(QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = new ConsulRequest(HttpMethod.Get, "v1/catalog/nodes") { Query = options };
        var response = await transport.SendAsync(request, cancellationToken);
        var nodes = ConsulJson.Read(request, response, ConsulJsonContext.Default.CatalogNodeArray) ?? [];
        return new QueryResult<IReadOnlyList<CatalogNode>>(nodes, response.Meta);
    }

    /// <summary>Every service name with its tags.</summary>
    public async Task<QueryResult<IReadOnlyDictionary<string, string[]>>> ServicesAsync(QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = new ConsulRequest(HttpMethod.Get, "v1/catalog/services") { Query = options };
        var response = await transport.SendAsync(request, cancellationToken);
        var services = ConsulJson.Read(request, response, ConsulJsonContext.Default.DictionaryStringStringArray) ?? [];
        return new QueryResult<IReadOnlyDictionary<string, string[]>>(services, response.Meta);
    }

    /// <summary>A node and its services; null for an unknown node (the server answers 200 <c>null</c>).</summary>
    public async Task<QueryResult<CatalogNodeServices?>> NodeAsync(string node, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = new ConsulRequest(HttpMethod.Get, $"v1/catalog/node/{ConsulPaths.Segment(node, nameof(node))}") { Query = options };
        var response = await transport.SendAsync(request, cancellationToken);
        var services = ConsulJson.Read(request, response, ConsulJsonContext.Default.CatalogNodeServices);
        return new QueryResult<CatalogNodeServices?>(services, response.Meta);
    }

    /// <summary>Every datacenter the agent's servers know over the WAN, nearest first.</summary>
    public async Task<IReadOnlyList<string>> DatacentersAsync(CancellationToken cancellationToken = default)
    {
        var request = new ConsulRequest(HttpMethod.Get, "v1/catalog/datacenters");
        var response = await transport.SendAsync(request, cancellationToken);
        return ConsulJson.Read(request, response, ConsulJsonContext.Default.StringArray) ?? [];
    }
}
