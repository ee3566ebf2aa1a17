namespace ConsulAlerts.Consul.Queries;

/// <summary>
/// What the <c>X-Consul-*</c> headers said about an answer. Every header is optional:
/// agent-local endpoints send no leader or last-contact headers.
/// </summary>
/// <param name="LastIndex">The <c>X-Consul-Index</c> header, or 0 when absent.</param>
/// <param name="KnownLeader">The <c>X-Consul-KnownLeader</c> header, or null when absent.</param>
/// <param name="LastContact">The <c>X-Consul-LastContact</c> header, or null when absent.</param>
internal readonly record struct QueryMeta(ulong LastIndex, bool? KnownLeader, TimeSpan? LastContact);
