namespace ConsulAlerts.Consul.Errors;

/// <summary>What went wrong talking to Consul, coarse enough to decide on retries and reporting.</summary>
internal enum ConsulErrorKind
{
    /// <summary>Any other HTTP error status.</summary>
    Http,

    /// <summary>500 <c>No cluster leader</c>.</summary>
    NoLeader,

    /// <summary>403 <c>Permission denied</c>: the token lacks a permission.</summary>
    AclDenied,

    /// <summary>403 <c>ACL not found</c>: unknown or expired token.</summary>
    AclNotFound,

    NotFound,

    /// <summary>A session renewal answered 404: the session is gone.</summary>
    SessionNotFound,

    Conflict,

    /// <summary>429, or 503 which Consul uses for "retry later".</summary>
    RateLimited,

    /// <summary>413: over a size limit; never retried with the same content.</summary>
    TooLarge,

    /// <summary>Network failure or request timeout; no HTTP status.</summary>
    Transport,
}
