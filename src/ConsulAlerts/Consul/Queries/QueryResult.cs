namespace ConsulAlerts.Consul.Queries;

/// <summary>The decoded answer of a read together with its query meta.</summary>
internal sealed record QueryResult<T>(T Value, QueryMeta Meta)
{
    /// <summary>Shortcut for <c>Meta.LastIndex</c>.</summary>
    public ulong LastIndex => Meta.LastIndex;
}
