namespace ConsulAlerts.Notifications.Aws;

/// <summary>The steps and result of signing one request; the intermediate texts are kept for tests and diagnostics (none holds a secret).</summary>
/// <param name="CanonicalRequest">The canonical request.</param>
/// <param name="StringToSign">The string to sign.</param>
/// <param name="Signature">The hex signature.</param>
/// <param name="Authorization">The <c>Authorization</c> header value.</param>
/// <param name="AmzDate">The <c>X-Amz-Date</c> header value (<c>yyyyMMddTHHmmssZ</c>).</param>
/// <param name="SignedHeaders">The lower-case names of the signed headers, <c>;</c>-separated.</param>
internal sealed record SigV4Signature(string CanonicalRequest, string StringToSign, string Signature, string Authorization, string AmzDate, string SignedHeaders);
