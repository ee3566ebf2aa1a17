namespace ConsulAlerts.Tests.Notifications.Testing;

/// <summary>Waits (in real time, bounded) for something a background worker does.</summary>
internal static class Eventually
{
    public static async Task ShouldHoldAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Shouldly.ShouldAssertException($"timed out waiting until {what}");
            }

            await Task.Delay(10);
        }
    }
}
