using System.Net;

namespace ConsulAlerts.Consul;

/// <summary>A status the caller accepted, the whole body and the query meta.</summary>
internal sealed record ConsulResponse(HttpStatusCode StatusCode, ReadOnlyMemory<byte> Body, QueryMeta Meta);
