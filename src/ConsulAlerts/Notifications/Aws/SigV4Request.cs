namespace ConsulAlerts.Notifications.Aws;

/// <summary>
/// What Signature Version 4 signs of a request. The path and the query are given unescaped: the signer encodes them
/// the way AWS canonicalizes them.
/// </summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Host">The <c>Host</c> header: the host, with the port when it is not the scheme's default.</param>
/// <param name="Path">The unescaped path, <c>/</c> at least.</param>
/// <param name="Query">The unescaped query parameters, in any order.</param>
/// <param name="Headers">The headers to sign besides <c>host</c>, <c>x-amz-date</c> and <c>x-amz-security-token</c> (which the signer adds); a repeated name keeps its values in order.</param>
/// <param name="Payload">The body.</param>
internal sealed record SigV4Request(
    string Method,
    string Host,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    ReadOnlyMemory<byte> Payload);
