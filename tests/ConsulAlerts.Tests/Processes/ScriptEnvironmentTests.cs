using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Hosting;
using ConsulAlerts.Processes;
using ConsulAlerts.Tests.Notifications.Testing;

namespace ConsulAlerts.Tests.Processes;

public sealed class ScriptEnvironmentTests : IDisposable
{
    private const string AclToken = "5e1f7a0c-acl-token";
    private const string ApiToken = "api-token-9f8e7d";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static Dictionary<string, string?> DaemonEnvironment() => new(StringComparer.Ordinal)
    {
        ["PATH"] = "/usr/bin:/bin",
        ["CONSUL_HTTP_ADDR"] = "127.0.0.1:8500",
        ["CONSUL_HTTP_TOKEN"] = AclToken,
        ["CONSUL_HTTP_TOKEN_FILE"] = "/run/secrets/consul-token",
        ["CONSUL_HTTP_AUTH"] = "admin:hunter22",
        ["CONSUL_ALERTS_API_TOKEN"] = ApiToken,
        ["MY_COPY_OF_THE_TOKEN"] = "Bearer " + AclToken,
    };

    private static ConsulAlertsOptions Options(bool pass = false) => new()
    {
        Consul = new ConsulClientOptions { Token = AclToken, HttpAuth = "admin:hunter22" },
        ApiToken = ApiToken,
        PassConsulTokenToScripts = pass,
    };

    /// <summary>As the daemon composes it: with the credentials its Consul client sends.</summary>
    private static ScriptEnvironment Daemons(ConsulAlertsOptions options)
    {
        using var client = ConsulClient.Create(options.Consul);
        return ScriptEnvironment.For(options, client.Transport.Secrets);
    }

    [Fact]
    public void Apply_Default_WithholdsEveryCredentialAndCopiesOfThem()
    {
        var environment = DaemonEnvironment();

        Daemons(Options()).Apply(environment);

        environment.Keys.Order(StringComparer.Ordinal).ShouldBe(["CONSUL_HTTP_ADDR", "PATH"]);
    }

    [Fact]
    public void Apply_PassConsulToken_KeepsConsulsVariablesButNotTheApiToken()
    {
        var environment = DaemonEnvironment();

        Daemons(Options(pass: true)).Apply(environment);

        environment.Keys.Order(StringComparer.Ordinal).ShouldBe(
            ["CONSUL_HTTP_ADDR", "CONSUL_HTTP_AUTH", "CONSUL_HTTP_TOKEN", "CONSUL_HTTP_TOKEN_FILE", "MY_COPY_OF_THE_TOKEN", "PATH"]);
    }

    [Fact]
    public void SecretsNow_EitherWay_RedactsTheTokensAndTheBasicAuthPassword()
    {
        foreach (var pass in new[] { false, true })
        {
            var secrets = Daemons(Options(pass)).SecretsNow();

            ScriptEnvironment.Redact($"acl {AclToken} api {ApiToken} auth admin:hunter22 password hunter22", secrets)
                .ShouldBe("acl [redacted] api [redacted] auth [redacted] password [redacted]", $"pass={pass}");
        }
    }

    [Fact]
    public void SecretsNow_CredentialsInTheConsulAddress_RedactedAndCopiesWithheld()
    {
        var environment = Daemons(new ConsulAlertsOptions { Consul = new ConsulClientOptions { Address = "http://ops:s3cretpass@127.0.0.1:8500" } });
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal) { ["CONSUL_HTTP_ADDR"] = "http://ops:s3cretpass@127.0.0.1:8500", ["PATH"] = "/bin" };

        environment.Apply(variables);

        ScriptEnvironment.Redact("auth ops:s3cretpass, password s3cretpass", environment.SecretsNow()).ShouldBe("auth [redacted], password [redacted]");
        variables.Keys.ShouldBe(["PATH"]);
    }

    [Fact]
    public void SecretsNow_TokenFileRotated_RedactsTheTokenItHoldsAtEachRun()
    {
        var file = Path.Combine(_temp.Path, "token");
        File.WriteAllText(file, "first-token-1111\n");
        // The client's own copy of the token, read once at start, is not what this is about.
        var environment = ScriptEnvironment.For(new ConsulAlertsOptions { Consul = new ConsulClientOptions { TokenFile = file } }, []);
        var before = environment.SecretsNow();

        File.WriteAllText(file, "second-token-2222");
        var after = environment.SecretsNow();
        File.Delete(file);

        before.ShouldBe(["first-token-1111"]);
        after.ShouldBe(["second-token-2222"]);
        environment.SecretsNow().ShouldBeEmpty("a file that cannot be read gives nothing to redact, and no error");
    }

    [Theory]
    [InlineData("abc", "value abc here")]
    [InlineData("", "value  here")]
    public void SecretsNow_TooShortToBeASecret_LeftAsItIs(string token, string text)
    {
        var secrets = Daemons(new ConsulAlertsOptions { Consul = new ConsulClientOptions { Token = token } }).SecretsNow();

        ScriptEnvironment.Redact(text, secrets).ShouldBe(text);
    }

    [Fact]
    public void Redact_SecretContainingAnother_ReplacedWhole()
    {
        var environment = new ScriptEnvironment([], () => [], () => ["pass", "admin:password"]);

        ScriptEnvironment.Redact("admin:password and pass", environment.SecretsNow()).ShouldBe("[redacted] and [redacted]");
    }

    [Fact]
    public void None_PassesEverythingAndRedactsNothing()
    {
        var environment = DaemonEnvironment();

        ScriptEnvironment.None.Apply(environment);

        environment.Count.ShouldBe(DaemonEnvironment().Count);
        ScriptEnvironment.None.SecretsNow().ShouldBeEmpty();
    }
}
