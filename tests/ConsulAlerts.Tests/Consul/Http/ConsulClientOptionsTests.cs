using ConsulAlerts.Consul.Http;

namespace ConsulAlerts.Tests.Consul.Http;

public sealed class ConsulClientOptionsTests
{
    [Theory]
    [InlineData("https://ops:hunter2@consul.example:8501", "https://ops:(redacted)@consul.example:8501")]
    [InlineData("ops:hunter2@consul:8500", "ops:(redacted)@consul:8500")]
    [InlineData("https://ops@consul:8501", "https://ops@consul:8501")]
    [InlineData("consul:8500", "consul:8500")]
    [InlineData("unix:///var/run/consul.sock", "unix:///var/run/consul.sock")]
    public void ToString_AddressWithPassword_RedactsOnlyThePassword(string address, string shown)
    {
        var text = new ConsulClientOptions { Address = address }.ToString();

        text.ShouldContain($"Address = {shown},");
        text.ShouldNotContain("hunter2");
    }

    [Fact]
    public void ToString_TokenAndBasicAuth_ShowOnlyThatTheyAreSet()
    {
        var text = new ConsulClientOptions { Token = "tok-3f9a", HttpAuth = "ops:pw-77c1" }.ToString();

        text.ShouldContain("Token = (set)");
        text.ShouldContain("HttpAuth = (set)");
        text.ShouldNotContain("tok-3f9a");
        text.ShouldNotContain("pw-77c1");
    }
}
