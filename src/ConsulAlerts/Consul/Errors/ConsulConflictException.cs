using System.Net;

namespace ConsulAlerts.Consul.Errors;

/// <summary>409 outside the transaction endpoint (which reports rollbacks as a result instead).</summary>
internal sealed class ConsulConflictException(string method, string path, string detail)
    : ConsulException(ConsulErrorKind.Conflict, method, path, HttpStatusCode.Conflict, detail, isRetryable: false);
