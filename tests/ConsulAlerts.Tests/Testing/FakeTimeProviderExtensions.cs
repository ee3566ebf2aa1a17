namespace ConsulAlerts.Tests;

/// <summary>What <see cref="FakeTimeProvider"/> lacks for building a clock in one expression.</summary>
internal static class FakeTimeProviderExtensions
{
    /// <summary>Sets the clock's local time zone and returns the clock.</summary>
    public static FakeTimeProvider InZone(this FakeTimeProvider time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(time);
        time.SetLocalTimeZone(zone);
        return time;
    }
}
