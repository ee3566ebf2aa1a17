using System.Net;
using ConsulAlerts.Consul.Queries;

namespace ConsulAlerts.Consul.Http;

/// <summary>A status the caller accepted, the whole body and the query meta.</summary>
internal sealed record ConsulResponse(HttpStatusCode StatusCode, ReadOnlyMemory<byte> Body, QueryMeta Meta);
