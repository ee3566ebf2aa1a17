using System.Net;
using ConsulAlerts.Hosting;

namespace ConsulAlerts.Tests.Hosting;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("localhost:9000", "localhost", 9000, "localhost:9000", "localhost:9000")]
    [InlineData("127.0.0.1:1", "127.0.0.1", 1, "127.0.0.1:1", "127.0.0.1:1")]
    [InlineData(":9000", "", 9000, ":9000", "127.0.0.1:9000")]
    [InlineData("0.0.0.0:65535", "0.0.0.0", 65535, "0.0.0.0:65535", "127.0.0.1:65535")]
    [InlineData("[::]:9000", "::", 9000, "[::]:9000", "[::1]:9000")]
    [InlineData("[::1]:9000", "::1", 9000, "[::1]:9000", "[::1]:9000")]
    [InlineData("alerts.example.com:80", "alerts.example.com", 80, "alerts.example.com:80", "alerts.example.com:80")]
    [InlineData(" localhost:9000 ", "localhost", 9000, "localhost:9000", "localhost:9000")]
    public void TryParse_ValidAddress_Parses(string text, string host, int port, string display, string clientAuthority)
    {
        ListenAddress.TryParse(text, out var address, out var error).ShouldBeTrue(error);

        address.Host.ShouldBe(host);
        address.Port.ShouldBe(port);
        address.ToString().ShouldBe(display);
        address.ClientAuthority.ShouldBe(clientAuthority);
    }

    [Theory]
    [InlineData(null, "expected host:port")]
    [InlineData("", "expected host:port")]
    [InlineData("localhost", "missing :port")]
    [InlineData("localhost:", "port ''")]
    [InlineData("localhost:0", "port '0'")]
    [InlineData("localhost:65536", "port '65536'")]
    [InlineData("localhost:-1", "port '-1'")]
    [InlineData("localhost: 9000", "port ' 9000'")]
    [InlineData("http://localhost:9000", "without a scheme")]
    [InlineData("::1:9000", "need brackets")]
    [InlineData("[::1:9000", "not a bracketed IPv6 address")]
    [InlineData("[127.0.0.1]:9000", "not a bracketed IPv6 address")]
    [InlineData("bad host:9000", "not a valid host name")]
    public void TryParse_InvalidAddress_FailsWithReason(string? text, string reason)
    {
        ListenAddress.TryParse(text, out var address, out var error).ShouldBeFalse();

        address.ShouldBeNull();
        error.ShouldContain(reason);
    }

    [Theory]
    [InlineData("127.0.0.1:0", "127.0.0.1:0")]
    [InlineData(":0", ":0")]
    [InlineData("[::1]:0", "[::1]:0")]
    public void TryParse_AnyPortAllowed_PortZeroWithAnIpOrNoHost(string text, string display)
    {
        ListenAddress.TryParse(text, out var address, out var error, allowAnyPort: true).ShouldBeTrue(error);

        address.IsAnyPort.ShouldBeTrue();
        address.ToString().ShouldBe(display);
    }

    [Theory]
    [InlineData("localhost:0", "port 0 (any free port) needs an IP address, such as 127.0.0.1:0, not the host name 'localhost'")]
    [InlineData("alerts.example.com:0", "not the host name 'alerts.example.com'")]
    [InlineData("127.0.0.1:65536", "port '65536' is not a number from 0 to 65535")]
    public void TryParse_AnyPortAllowed_HostNameOrBadPortRefused(string text, string reason)
    {
        ListenAddress.TryParse(text, out _, out var error, allowAnyPort: true).ShouldBeFalse();

        error.ShouldContain(reason);
    }

    [Fact]
    public void TryParse_PortZeroNotAllowed_Refused()
    {
        ListenAddress.TryParse("127.0.0.1:0", out _, out var error).ShouldBeFalse();

        error.ShouldContain("port '0' is not a number from 1 to 65535");
    }

    [Fact]
    public void Parse_InvalidAddress_ThrowsFormatException()
    {
        Should.Throw<FormatException>(() => ListenAddress.Parse("nope")).Message.ShouldContain("'nope'");
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST", true)]
    [InlineData("127.0.0.1", false)]
    public void IsLocalhost_Host_MatchesName(string host, bool expected)
    {
        new ListenAddress(host, 1).IsLocalhost.ShouldBe(expected);
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.3.4.5", true)]
    [InlineData("::1", true)]
    [InlineData("", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::", false)]
    [InlineData("10.0.0.5", false)]
    [InlineData("alerts.example", false)]
    public void IsLoopback_Host_OnlyThisMachineCanConnect(string host, bool expected)
    {
        new ListenAddress(host, 1).IsLoopback.ShouldBe(expected);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("::", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("localhost", false)]
    public void IsWildcard_Host_MatchesEveryInterface(string host, bool expected)
    {
        new ListenAddress(host, 1).IsWildcard.ShouldBe(expected);
    }

    [Theory]
    [InlineData("", "127.0.0.1")]
    [InlineData("0.0.0.0", "127.0.0.1")]
    [InlineData("::", "::1")]
    [InlineData("localhost", "127.0.0.1,::1")]
    [InlineData("10.1.2.3", "10.1.2.3")]
    public async Task ResolveForClientAsync_Host_GivesAddressesToProbe(string host, string expected)
    {
        var addresses = await new ListenAddress(host, 9000).ResolveForClientAsync(CancellationToken.None);

        string.Join(",", addresses.Select(a => a.ToString())).ShouldBe(expected);
        addresses.ShouldAllBe(a => a != IPAddress.Any);
    }
}
