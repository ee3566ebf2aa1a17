using System.Net;

namespace ConsulAlerts.Consul.Errors;

/// <summary>500 <c>No cluster leader</c>: the cluster cannot serve default or consistent reads, nor writes, until it elects one.</summary>
internal sealed class ConsulNoLeaderException(string method, string path, string detail)
    : ConsulException(ConsulErrorKind.NoLeader, method, path, HttpStatusCode.InternalServerError, detail, isRetryable: true);
