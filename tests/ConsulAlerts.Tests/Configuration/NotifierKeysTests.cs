using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Configuration;

public sealed class NotifierKeysTests
{
    [Theory]
    [InlineData("email", "password", true)]
    [InlineData("slack", "url", true)]
    [InlineData("webhook", "bearer-token", true)]
    [InlineData("email", "port", false)]
    [InlineData("slack", "channel", false)]
    [InlineData("slack", "nosuch", true)]
    [InlineData("nosuch", "url", true)]
    public void IsSecret_SecretsAndUnknownKeys(string notifier, string key, bool expected) =>
        NotifierKeys.IsSecret(notifier, key).ShouldBe(expected);

    [Fact]
    public void All_NoNotifierRedefinesEnabled() =>
        NotifierKeys.All.Values.ShouldAllBe(keys => !keys.ContainsKey("enabled"));
}
