using System.Security.Cryptography.X509Certificates;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Http;

namespace ConsulAlerts.Tests.Consul.Http;

public sealed class ConsulHttpClientFactoryTests : IDisposable
{
    private readonly List<string> _files = [];

    public void Dispose()
    {
        foreach (var file in _files)
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("consul.example:8501", "consul.example")]
    [InlineData("consul.example", "consul.example")]
    [InlineData("[::1]:8501", "::1")]
    [InlineData("::1", "::1")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void StripPort_ServerName_DropsPort(string? serverName, string? expected) =>
        ConsulHttpClientFactory.StripPort(serverName).ShouldBe(expected);

    [Fact]
    public void CreateHttpClient_Always_HasInfiniteTimeoutSoRequestsCarryTheirOwn()
    {
        using var http = ConsulHttpClientFactory.CreateHttpClient(new ConsulClientOptions());

        http.Timeout.ShouldBe(Timeout.InfiniteTimeSpan);
    }

    [Fact]
    public void ConsulClient_HttpClientWithDefaultTimeout_GetsInfiniteTimeout()
    {
        using var http = new HttpClient(new StubHttpHandler());

        using var client = new ConsulClient(http, new ConsulClientOptions());

        http.Timeout.ShouldBe(Timeout.InfiniteTimeSpan);
    }

    [Fact]
    public void CreateHandler_Always_RefusesRedirectsSoTheTokenCannotFollowThem()
    {
        using var handler = ConsulHttpClientFactory.CreateHandler(new ConsulClientOptions());

        handler.AllowAutoRedirect.ShouldBeFalse();
    }

    [Fact]
    public void CreateHandler_CertWithoutKey_Throws()
    {
        var options = new ConsulClientOptions { Address = "https://127.0.0.1:8501", ClientCertFile = "/tmp/cert.pem" };

        Should.Throw<InvalidOperationException>(() => ConsulHttpClientFactory.CreateHandler(options)).Message.ShouldContain("key");
    }

    [Fact]
    public void CreateHandler_MissingCaFile_ThrowsNamingIt()
    {
        var options = new ConsulClientOptions { Address = "https://127.0.0.1:8501", CaFile = "/nonexistent/ca.pem" };

        Should.Throw<InvalidOperationException>(() => ConsulHttpClientFactory.CreateHandler(options)).Message.ShouldContain("/nonexistent/ca.pem");
    }

    [Fact]
    public async Task Tls_CaFile_TrustsTheServer()
    {
        using var certs = new TestCertificates();
        await using var server = await LocalKestrelServer.StartHttpsAsync(certs.Server);
        using var client = ConsulClient.Create(new ConsulClientOptions { Address = server.Address, CaFile = TempFile(certs.CaPem), Token = "tls-token-value" });

        var seen = await client.Status.LeaderAsync();

        seen.ShouldContain("path=/v1/status/leader");
        seen.ShouldContain("token=tls-token-value");
    }

    [Fact]
    public async Task Tls_AddressWithPathPrefix_SendsPrefixedPaths()
    {
        using var certs = new TestCertificates();
        await using var server = await LocalKestrelServer.StartHttpsAsync(certs.Server);
        using var client = ConsulClient.Create(new ConsulClientOptions { Address = server.Address + "/consul-proxy/", CaFile = TempFile(certs.CaPem) });

        (await client.Status.LeaderAsync()).ShouldContain("path=/consul-proxy/v1/status/leader;");
    }

    [Fact]
    public async Task Tls_WithoutCaFile_FailsVerification()
    {
        using var certs = new TestCertificates();
        await using var server = await LocalKestrelServer.StartHttpsAsync(certs.Server);
        using var client = ConsulClient.Create(new ConsulClientOptions { Address = server.Address });

        var ex = await Should.ThrowAsync<ConsulTransportException>(() => client.Status.LeaderAsync());

        ex.Kind.ShouldBe(ConsulErrorKind.Transport);
    }

    [Fact]
    public async Task Tls_CaFileOfAnotherCa_FailsVerification()
    {
        using var certs = new TestCertificates();
        using var otherCa = new TestCertificates("some other CA");
        await using var server = await LocalKestrelServer.StartHttpsAsync(certs.Server);
        using var client = ConsulClient.Create(new ConsulClientOptions { Address = server.Address, CaFile = TempFile(otherCa.CaPem) });

        await Should.ThrowAsync<ConsulTransportException>(() => client.Status.LeaderAsync());
    }

    [Fact]
    public async Task Tls_SkipVerify_AcceptsUntrustedServer()
    {
        using var certs = new TestCertificates();
        await using var server = await LocalKestrelServer.StartHttpsAsync(certs.Server);
        using var client = ConsulClient.Create(new ConsulClientOptions { Address = server.Address, VerifyTls = false });

        (await client.Status.LeaderAsync()).ShouldContain("path=/v1/status/leader");
    }

    [Fact]
    public async Task Tls_SchemeLessAddressWithUseTls_UsesHttps()
    {
        using var certs = new TestCertificates();
        await using var server = await LocalKestrelServer.StartHttpsAsync(certs.Server);
        var hostPort = new Uri(server.Address).Authority;
        using var client = ConsulClient.Create(new ConsulClientOptions { Address = hostPort, UseTls = true, CaFile = TempFile(certs.CaPem) });

        (await client.Status.LeaderAsync()).ShouldContain("path=/v1/status/leader");
    }

    [Fact]
    public async Task Tls_ServerName_IsUsedForVerificationWithPortStripped()
    {
        using var certs = new TestCertificates();
        await using var server = await LocalKestrelServer.StartHttpsAsync(certs.Server);
        var caFile = TempFile(certs.CaPem);
        using var right = ConsulClient.Create(new ConsulClientOptions { Address = server.Address, CaFile = caFile, TlsServerName = "consul.test:8501" });
        using var wrong = ConsulClient.Create(new ConsulClientOptions { Address = server.Address, CaFile = caFile, TlsServerName = "wrong.test" });

        (await right.Status.LeaderAsync()).ShouldContain("path=/v1/status/leader");
        await Should.ThrowAsync<ConsulTransportException>(() => wrong.Status.LeaderAsync());
    }

    [Fact]
    public async Task Tls_ClientCertificate_IsPresented()
    {
        using var certs = new TestCertificates();
        await using var server = await LocalKestrelServer.StartHttpsAsync(certs.Server);
        var certFile = TempFile(certs.Client.ExportCertificatePem());
        var keyFile = TempFile(certs.Client.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        using var client = ConsulClient.Create(new ConsulClientOptions
        {
            Address = server.Address,
            CaFile = TempFile(certs.CaPem),
            ClientCertFile = certFile,
            ClientKeyFile = keyFile,
        });

        (await client.Status.LeaderAsync()).ShouldContain("cert=CN=consul-alerts-client");
    }

    [Fact]
    public async Task UnixSocket_Address_DialsTheSocketWithLocalhostHost()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"ca-{Guid.NewGuid():N}.sock"[..20]);
        _files.Add(socket);
        await using var server = await LocalKestrelServer.StartUnixAsync(socket);
        using var client = ConsulClient.Create(new ConsulClientOptions { Address = $"unix://{socket}", Token = "unix-token" });

        var seen = await client.Status.LeaderAsync();

        seen.ShouldContain("host=localhost;");
        seen.ShouldContain("token=unix-token");
    }

    private string TempFile(string content)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, content);
        _files.Add(path);
        return path;
    }
}
