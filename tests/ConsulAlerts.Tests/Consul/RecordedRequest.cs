using System.Text;

namespace ConsulAlerts.Tests.Consul;

/// <summary>What a <see cref="StubHttpHandler"/> received.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, byte[]? Body, string? ContentType)
{
    /// <summary>Path and query as sent, e.g. <c>/v1/kv/a?flags=0</c>.</summary>
    public string PathAndQuery => Uri.PathAndQuery;

    public string BodyText => Body is null ? "" : Encoding.UTF8.GetString(Body);
}
