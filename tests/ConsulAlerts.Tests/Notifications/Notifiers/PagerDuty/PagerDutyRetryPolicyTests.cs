using ConsulAlerts.Notifications.Notifiers.PagerDuty;
using ConsulAlerts.Notifications.Pipeline;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.PagerDuty;

public sealed class PagerDutyRetryPolicyTests
{
    private static readonly RetryPolicy Defaults = new(null, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), TimeSpan.FromHours(24));

    private static RetryPolicy For(params (string Key, string Value)[] values) =>
        new PagerDutyNotifier(Clients(), TimeProvider.System).RetryPolicyFor(Config("pagerduty", values), Defaults);

    [Fact]
    public void RetryPolicyFor_NothingSet_IsTheDefaults() => For().ShouldBe(Defaults);

    [Theory]
    [InlineData("0", 1)]
    [InlineData("3", 4)]
    [InlineData("10", 11)]
    public void RetryPolicyFor_MaxRetry_AllowsThatManyRetriesAfterTheFirstAttempt(string maxRetry, int attempts) =>
        For(("max-retry", maxRetry)).ShouldBe(Defaults with { MaxAttempts = attempts });

    [Theory]
    [InlineData("-1")]
    [InlineData("many")]
    [InlineData("")]
    public void RetryPolicyFor_InvalidMaxRetry_KeepsTheDefaults(string maxRetry) => For(("max-retry", maxRetry)).ShouldBe(Defaults);

    [Fact]
    public void RetryPolicyFor_BaseInterval_IsTheFirstWait() =>
        For(("max-retry", "2"), ("retry-base-interval", "30")).ShouldBe(Defaults with { MaxAttempts = 3, BaseDelay = TimeSpan.FromSeconds(30) });

    [Fact]
    public void RetryPolicyFor_BaseIntervalAboveTheLongestWait_RaisesTheLongestWait() =>
        For(("retry-base-interval", "120")).ShouldBe(Defaults with { BaseDelay = TimeSpan.FromMinutes(2), MaxDelay = TimeSpan.FromMinutes(2) });

    [Theory]
    [InlineData("0")]
    [InlineData("soon")]
    public void RetryPolicyFor_InvalidBaseInterval_KeepsTheDefaultWait(string interval) =>
        For(("retry-base-interval", interval)).ShouldBe(Defaults);
}
