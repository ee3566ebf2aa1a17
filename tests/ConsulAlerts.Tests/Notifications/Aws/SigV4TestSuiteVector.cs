namespace ConsulAlerts.Tests.Notifications.Aws;

/// <summary>One case of AWS's Signature Version 4 test suite (<c>aws-sig-v4-test-suite</c>).</summary>
/// <param name="Method">The request's method.</param>
/// <param name="Target">The request target as the suite's <c>.req</c> file writes it (path and query, unescaped).</param>
/// <param name="Headers">The request's headers besides <c>Host</c> and <c>X-Amz-Date</c>, as <c>name:value</c>, in order.</param>
/// <param name="Body">The request's body.</param>
/// <param name="CanonicalRequest">The suite's <c>.creq</c>.</param>
/// <param name="CanonicalRequestHash">The last line of the suite's <c>.sts</c>.</param>
/// <param name="SignedHeaders">The <c>SignedHeaders</c> of the suite's <c>.authz</c>.</param>
/// <param name="Signature">The <c>Signature</c> of the suite's <c>.authz</c>.</param>
/// <param name="SessionToken">Whether the request carries the suite's session token.</param>
internal sealed record SigV4TestSuiteVector(
    string Method,
    string Target,
    string[] Headers,
    string Body,
    string CanonicalRequest,
    string CanonicalRequestHash,
    string SignedHeaders,
    string Signature,
    bool SessionToken = false);
