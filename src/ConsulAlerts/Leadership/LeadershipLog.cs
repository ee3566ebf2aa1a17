using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Leadership;

internal static partial class LeadershipLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Created leader election session {Session} (TTL {Ttl}, lock-delay {LockDelay})")]
    public static partial void SessionCreated(ILogger logger, string session, TimeSpan ttl, TimeSpan lockDelay);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Became leader (term {Term}, session {Session}, lock {LockKey})")]
    public static partial void BecameLeader(ILogger logger, long term, string session, string lockKey);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Lost leadership (term {Term}): {Reason}; leader work stopped")]
    public static partial void LostLeadership(ILogger logger, long term, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Standing by: {LockKey} is held by {Holder} (session {Session})")]
    public static partial void StandingBy(ILogger logger, string lockKey, string holder, string session);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "The lock {LockKey} is free but in lock-delay after its last holder's session ended; retrying in {Retry}")]
    public static partial void LockDelayed(ILogger logger, string lockKey, TimeSpan retry);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Session {Session} is no longer valid: {Reason}")]
    public static partial void SessionInvalidated(ILogger logger, string session, string reason);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Leader election cannot reach Consul ({Kind}: {Reason}); retrying with backoff, next in {Delay}")]
    public static partial void ConsulUnavailable(ILogger logger, string kind, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "Leader election reaches Consul again after {Failures} failed attempts")]
    public static partial void ConsulRecovered(ILogger logger, int failures);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "Cannot renew session {Session} ({Reason}); retrying until its TTL has passed")]
    public static partial void RenewFailed(ILogger logger, string session, string reason);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Information, Message = "Released {LockKey} and destroyed session {Session}")]
    public static partial void Released(ILogger logger, string lockKey, string session);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "Could not release {LockKey} or destroy session {Session} at shutdown ({Reason}); Consul frees the lock when the session expires")]
    public static partial void ReleaseFailed(ILogger logger, string lockKey, string session, string reason);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "{LockKey} exists but is not a Consul lock (flags {Flags}); taking it over when free")]
    public static partial void NotALock(ILogger logger, string lockKey, ulong flags);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "Cannot register the leader check {CheckId} on the agent ({Reason}); the leader session depends on its TTL alone, so a crashed leader is replaced only after up to twice the TTL plus the lock-delay. Allow the token service:write on {Service} to fix this")]
    public static partial void LeaseCheckRefused(ILogger logger, string checkId, string service, string reason);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Information, Message = "Registered the leader check {CheckId} (TTL {Ttl}) that the leader session depends on")]
    public static partial void LeaseCheckRegistered(ILogger logger, string checkId, TimeSpan ttl);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Warning, Message = "Cannot pass the leader check {CheckId} ({Reason}); retrying until its TTL has passed")]
    public static partial void LeaseCheckPassFailed(ILogger logger, string checkId, string reason);
}
