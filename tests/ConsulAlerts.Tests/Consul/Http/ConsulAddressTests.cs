using ConsulAlerts.Consul.Http;

namespace ConsulAlerts.Tests.Consul.Http;

public sealed class ConsulAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:8500", false, "http://127.0.0.1:8500/", null)]
    [InlineData("127.0.0.1:8500", true, "https://127.0.0.1:8500/", null)]
    [InlineData("consul.service:8501", true, "https://consul.service:8501/", null)]
    [InlineData("http://10.0.0.1:8500", false, "http://10.0.0.1:8500/", null)]
    [InlineData("http://10.0.0.1:8500", true, "https://10.0.0.1:8500/", null)]
    [InlineData("https://10.0.0.1:8501", false, "https://10.0.0.1:8501/", null)]
    [InlineData("HTTPS://Consul.Example:8501/", false, "https://consul.example:8501/", null)]
    [InlineData("http://proxy.example/consul", false, "http://proxy.example/consul/", null)]
    [InlineData("https://proxy.example:8443/a/b/", false, "https://proxy.example:8443/a/b/", null)]
    [InlineData("localhost:8500/prefix", false, "http://localhost:8500/prefix/", null)]
    [InlineData("[::1]:8500", false, "http://[::1]:8500/", null)]
    [InlineData("", false, "http://127.0.0.1:8500/", null)]
    [InlineData("unix:///var/run/consul.sock", false, "http://localhost/", "/var/run/consul.sock")]
    [InlineData("unix:///tmp/c.sock", true, "https://localhost/", "/tmp/c.sock")]
    public void Parse_ValidAddress_GivesBaseUriAndSocket(string address, bool useTls, string expectedBase, string? expectedSocket)
    {
        var parsed = ConsulAddress.Parse(address, useTls);

        parsed.BaseUri.ToString().ShouldBe(expectedBase);
        parsed.UnixSocketPath.ShouldBe(expectedSocket);
        parsed.IsTls.ShouldBe(expectedBase.StartsWith("https", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ftp://10.0.0.1:8500", "unsupported scheme 'ftp'")]
    [InlineData("unix://relative.sock", "absolute path")]
    [InlineData("http://10.0.0.1:8500/?token=x", "expected host:port")]
    [InlineData("http://", "expected host:port")]
    public void Parse_InvalidAddress_ThrowsFormatExceptionNamingTheProblem(string address, string expected)
    {
        var ex = Should.Throw<FormatException>(() => ConsulAddress.Parse(address, useTls: false));

        ex.Message.ShouldContain(expected);
    }

    [Fact]
    public void Parse_UserInfoInAddress_MovesItOutOfTheUri()
    {
        var parsed = ConsulAddress.Parse("http://alice:s3cret-pass@10.0.0.1:8500", useTls: false);

        parsed.BaseUri.ToString().ShouldBe("http://10.0.0.1:8500/");
        parsed.UserInfo.ShouldBe("alice:s3cret-pass");
    }

    [Fact]
    public void Parse_BadSchemeWithUserInfo_MessageHidesCredentials()
    {
        var ex = Should.Throw<FormatException>(() => ConsulAddress.Parse("ftp://alice:s3cret-pass@10.0.0.1", useTls: false));

        ex.Message.ShouldNotContain("s3cret-pass");
    }

    [Theory]
    [InlineData("http://ops:ADDR-SECRET@consul.internal:8500", "http://consul.internal:8500/")]
    [InlineData("unix:///var/run/consul.sock", "unix:///var/run/consul.sock")]
    public void ToString_AddressWithCredentials_ShowsWhereButNeverThem(string address, string shown)
    {
        var parsed = ConsulAddress.Parse(address, useTls: false);

        parsed.ToString().ShouldBe(shown);
        $"cannot reach Consul at {parsed}".ShouldNotContain("ADDR-SECRET");
    }
}
