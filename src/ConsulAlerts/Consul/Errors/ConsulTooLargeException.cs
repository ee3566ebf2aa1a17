using System.Net;

namespace ConsulAlerts.Consul.Errors;

/// <summary>
/// 413: the request is over one of Consul's size limits (<see cref="ConsulLimits"/>). Sending the same content again
/// can never succeed, so it is not retryable: the content has to change (split, or left out).
/// </summary>
internal sealed class ConsulTooLargeException(string method, string path, string detail)
    : ConsulException(ConsulErrorKind.TooLarge, method, path, HttpStatusCode.RequestEntityTooLarge, detail, isRetryable: false);
