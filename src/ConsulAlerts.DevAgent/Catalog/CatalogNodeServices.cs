namespace ConsulAlerts.DevAgent.Catalog;

/// <summary>The body of <c>GET /v1/catalog/node/:node</c>.</summary>
internal sealed record CatalogNodeServices(NodeEntry Node, Dictionary<string, ServiceEntry> Services);
