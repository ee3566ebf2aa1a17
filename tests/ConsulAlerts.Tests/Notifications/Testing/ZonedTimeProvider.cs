namespace ConsulAlerts.Tests.Notifications.Testing;

/// <summary>A fixed clock in a chosen local time zone.</summary>
internal sealed class ZonedTimeProvider(DateTimeOffset utcNow, TimeZoneInfo localTimeZone) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => utcNow;

    public override TimeZoneInfo LocalTimeZone => localTimeZone;
}
