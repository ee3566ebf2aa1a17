using System.Net;

namespace ConsulAlerts.Consul.Errors;

/// <summary>Maps an error status and its plain-text body to a typed <see cref="ConsulException"/> (docs/ARCHITECTURE.md, "Consul's API").</summary>
internal static class ConsulErrorClassifier
{
    private const int MaxDetailLength = 300;

    public static ConsulException FromResponse(
        HttpMethod method, string path, HttpStatusCode status, string body, TimeSpan? retryAfter = null, IEnumerable<string>? secrets = null)
    {
        var detail = Redact(body, secrets);
        var verb = method.Method;
        var isRead = method == HttpMethod.Get || method == HttpMethod.Head;
        return (int)status switch
        {
            500 when body.Contains("No cluster leader", StringComparison.OrdinalIgnoreCase) => new ConsulNoLeaderException(verb, path, detail),
            403 when body.Contains("ACL not found", StringComparison.OrdinalIgnoreCase) =>
                new ConsulAclException(ConsulErrorKind.AclNotFound, verb, path, detail),
            403 => new ConsulAclException(ConsulErrorKind.AclDenied, verb, path, detail),
            404 => new ConsulNotFoundException(ConsulErrorKind.NotFound, verb, path, detail),
            409 => new ConsulConflictException(verb, path, detail),
            413 => new ConsulTooLargeException(verb, path, detail),
            429 or 503 => new ConsulRateLimitedException(verb, path, status, detail, retryAfter),

            // A failed write may still have been applied, so only reads are safe to repeat (as the Go client does).
            >= 500 => new ConsulHttpException(verb, path, status, detail, isRetryable: isRead),
            _ => new ConsulHttpException(verb, path, status, detail, isRetryable: false),
        };
    }

    /// <summary>Trims, shortens to one line and removes any secret the server might have echoed back.</summary>
    public static string Redact(string text, IEnumerable<string>? secrets)
    {
        var result = text.Trim();
        if (secrets is not null)
        {
            foreach (var secret in secrets)
            {
                if (!string.IsNullOrEmpty(secret))
                {
                    result = result.Replace(secret, "[redacted]", StringComparison.Ordinal);
                }
            }
        }

        result = result.ReplaceLineEndings(" ");
        return result.Length <= MaxDetailLength ? result : string.Concat(result.AsSpan(0, MaxDetailLength), "…");
    }
}
