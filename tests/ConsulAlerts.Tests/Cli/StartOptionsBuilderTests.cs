using ConsulAlerts.Cli;
using ConsulAlerts.Hosting;
using ConsulAlerts.Tests.Compat;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Tests.Cli;

public sealed class StartOptionsBuilderTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("alert-addr", "localhost:9000")]
    [InlineData("log-level", "Warning")]
    [InlineData("log-format", "Text")]
    [InlineData("kv-prefix", "consul-alerts")]
    [InlineData("watch-checks", "False")]
    [InlineData("watch-events", "False")]
    [InlineData("pass-consul-token-to-scripts", "False")]
    [InlineData("consul-addr", "localhost:8500")]
    [InlineData("consul-dc", "dc1")]
    [InlineData("token", null)]
    [InlineData("token-file", null)]
    [InlineData("use-tls", "False")]
    [InlineData("verify-tls", "True")]
    [InlineData("ca-file", null)]
    [InlineData("client-cert", null)]
    [InlineData("client-key", null)]
    [InlineData("tls-server-name", null)]
    [InlineData("http-auth", null)]
    [InlineData("leader-ttl", "00:00:10")]
    [InlineData("leader-check-ttl", "00:00:04")]
    [InlineData("leader-lock-delay", "00:00:01")]
    [InlineData("api-token", null)]
    [InlineData("datacenters", "(the agent's own)")]
    public void Build_NothingGiven_UsesDefault(string setting, string? expected)
    {
        Setting(Build([]), setting).ShouldBe(expected);
    }

    // Per setting: option > config file > environment > default. Each row gives every layer a different value.
    [Theory]
    [InlineData("alert-addr", "--alert-addr=127.0.0.1:1", "\"alert-addr\": \"127.0.0.1:2\"", null, null, "127.0.0.1:1")]
    [InlineData("alert-addr", null, "\"alert-addr\": \"127.0.0.1:2\"", null, null, "127.0.0.1:2")]
    [InlineData("alert-addr", null, "\"alert-addr\": null", null, null, "localhost:9000")]
    [InlineData("alert-addr", "--alert-addr=127.0.0.1:0", null, null, null, "127.0.0.1:0")]
    [InlineData("log-level", "--log-level=debug", "\"log-level\": \"info\"", null, null, "Debug")]
    [InlineData("log-level", null, "\"log-level\": \"info\"", null, null, "Information")]
    [InlineData("log-format", "--log-format=text", "\"log-format\": \"json\"", null, null, "Text")]
    [InlineData("log-format", null, "\"log-format\": \"JSON\"", null, null, "Json")]
    [InlineData("kv-prefix", "--kv-prefix=flag", "\"kv-prefix\": \"file\"", null, null, "flag")]
    [InlineData("kv-prefix", null, "\"kv-prefix\": \"file\"", null, null, "file")]
    [InlineData("consul-dc", "--consul-dc=flag", "\"consul-dc\": \"file\"", null, null, "flag")]
    [InlineData("consul-dc", null, "\"consul-dc\": \"file\"", null, null, "file")]
    [InlineData("consul-addr", "--consul-addr=flag:1", "\"consul-addr\": \"file:2\"", "CONSUL_HTTP_ADDR", "env:3", "flag:1")]
    [InlineData("consul-addr", null, "\"consul-addr\": \"file:2\"", "CONSUL_HTTP_ADDR", "env:3", "file:2")]
    [InlineData("consul-addr", null, null, "CONSUL_HTTP_ADDR", "env:3", "env:3")]
    [InlineData("consul-addr", null, null, "CONSUL_HTTP_ADDR", "", "localhost:8500")]
    [InlineData("token", "--consul-acl-token=flag", "\"consul-acl-token\": \"file\"", "CONSUL_HTTP_TOKEN", "env", "flag")]
    [InlineData("token", null, "\"consul-acl-token\": \"file\"", "CONSUL_HTTP_TOKEN", "env", "file")]
    [InlineData("token", null, null, "CONSUL_HTTP_TOKEN", "env", "env")]
    [InlineData("token", "--consul-acl-token=", null, "CONSUL_HTTP_TOKEN", "env", null)]
    [InlineData("token", null, "\"consul-acl-token\": \"\"", "CONSUL_HTTP_TOKEN", "env", null)]
    [InlineData("verify-tls", "--consul-ignore-cert=false", "\"consul-ignore-cert\": true", "CONSUL_HTTP_SSL_VERIFY", "false", "True")]
    [InlineData("verify-tls", "--consul-ignore-cert=true", null, "CONSUL_HTTP_SSL_VERIFY", "true", "False")]
    [InlineData("verify-tls", null, "\"consul-ignore-cert\": false", "CONSUL_HTTP_SSL_VERIFY", "false", "True")]
    [InlineData("verify-tls", null, "\"consul-ignore-cert\": true", "CONSUL_HTTP_SSL_VERIFY", "true", "False")]
    [InlineData("verify-tls", null, null, "CONSUL_HTTP_SSL_VERIFY", "false", "False")]
    [InlineData("watch-checks", "--watch-checks", "\"watch-checks\": false", null, null, "True")]
    [InlineData("watch-checks", null, "\"watch-checks\": true", null, null, "True")]
    [InlineData("watch-checks", null, "\"watch-checks\": false", null, null, "False")]
    [InlineData("watch-events", "--watch-events", "\"watch-events\": false", null, null, "True")]
    [InlineData("watch-events", null, "\"watch-events\": true", null, null, "True")]
    [InlineData("watch-events", null, "\"watch-events\": false", null, null, "False")]
    [InlineData("pass-consul-token-to-scripts", "--pass-consul-token-to-scripts", "\"pass-consul-token-to-scripts\": false", null, null, "True")]
    [InlineData("pass-consul-token-to-scripts", null, "\"pass-consul-token-to-scripts\": true", null, null, "True")]
    [InlineData("leader-ttl", "--leader-ttl=20s", "\"leader-ttl\": \"30s\"", null, null, "00:00:20")]
    [InlineData("leader-ttl", null, "\"leader-ttl\": \"30s\"", null, null, "00:00:30")]
    [InlineData("leader-ttl", null, "\"leader-ttl\": 45", null, null, "00:00:45")]
    [InlineData("leader-ttl", null, "\"leader-ttl\": null", null, null, "00:00:10")]
    [InlineData("leader-lock-delay", "--leader-lock-delay=0s", "\"leader-lock-delay\": \"30s\"", null, null, "00:00:00")]
    [InlineData("leader-lock-delay", null, "\"leader-lock-delay\": \"30s\"", null, null, "00:00:30")]
    [InlineData("leader-lock-delay", null, "\"leader-lock-delay\": 1.5", null, null, "00:00:01.5000000")]
    [InlineData("leader-lock-delay", null, "\"leader-lock-delay\": null", null, null, "00:00:01")]
    [InlineData("leader-check-ttl", "--leader-check-ttl=0s", "\"leader-check-ttl\": \"30s\"", null, null, "00:00:00")]
    [InlineData("leader-check-ttl", null, "\"leader-check-ttl\": \"30s\"", null, null, "00:00:30")]
    [InlineData("leader-check-ttl", null, "\"leader-check-ttl\": null", null, null, "00:00:04")]
    [InlineData("api-token", "--api-token=flag", "\"api-token\": \"file\"", "CONSUL_ALERTS_API_TOKEN", "env", "flag")]
    [InlineData("api-token", null, "\"api-token\": \"file\"", "CONSUL_ALERTS_API_TOKEN", "env", "file")]
    [InlineData("api-token", null, null, "CONSUL_ALERTS_API_TOKEN", "env", "env")]
    [InlineData("api-token", null, "\"api-token\": \"\"", "CONSUL_ALERTS_API_TOKEN", "env", null)]
    [InlineData("api-token", null, null, "CONSUL_ALERTS_API_TOKEN", "", null)]
    [InlineData("datacenters", "--datacenters=dc1,dc2", "\"datacenters\": \"all\"", null, null, "dc1,dc2")]
    [InlineData("datacenters", null, "\"datacenters\": \"all\"", null, null, "all")]
    public void Build_SeveralSources_HighestPrecedenceWins(
        string setting, string? flag, string? fileEntry, string? variable, string? variableValue, string? expected)
    {
        var options = Build(
            flag is null ? [] : [flag],
            fileEntry is null ? null : "{" + fileEntry + "}",
            variable is null ? null : new Dictionary<string, string> { [variable] = variableValue! });

        Setting(options, setting).ShouldBe(expected);
    }

    [Theory]
    [InlineData("CONSUL_HTTP_ADDR", "https://consul.example:8501", "consul-addr", "https://consul.example:8501")]
    [InlineData("CONSUL_HTTP_TOKEN", "t-1", "token", "t-1")]
    [InlineData("CONSUL_HTTP_SSL", "true", "use-tls", "True")]
    [InlineData("CONSUL_HTTP_SSL", "0", "use-tls", "False")]
    [InlineData("CONSUL_HTTP_SSL_VERIFY", "false", "verify-tls", "False")]
    [InlineData("CONSUL_HTTP_SSL_VERIFY", "T", "verify-tls", "True")]
    [InlineData("CONSUL_TLS_SERVER_NAME", "consul.internal:8501", "tls-server-name", "consul.internal:8501")]
    [InlineData("CONSUL_HTTP_AUTH", "user:pass", "http-auth", "user:pass")]
    [InlineData("CONSUL_HTTP_AUTH", "user", "http-auth", "user")]
    [InlineData("CONSUL_HTTP_TOKEN", "", "token", null)]
    [InlineData("CONSUL_HTTP_SSL", "", "use-tls", "False")]
    public void Build_EnvironmentVariable_SetsSetting(string variable, string value, string setting, string? expected)
    {
        var options = Build([], env: new Dictionary<string, string> { [variable] = value });

        Setting(options, setting).ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(GoBoolTests.Forms), MemberType = typeof(GoBoolTests))]
    public void Build_ConsulHttpSsl_AcceptsGoBooleans(string value, bool expected)
    {
        Build([], env: new Dictionary<string, string> { ["CONSUL_HTTP_SSL"] = value }).Consul.UseTls.ShouldBe(expected);
    }

    [Theory]
    [InlineData("CONSUL_HTTP_SSL", "yes")]
    [InlineData("CONSUL_HTTP_SSL", "on")]
    [InlineData("CONSUL_HTTP_SSL", "tRuE")]
    [InlineData("CONSUL_HTTP_SSL", "2")]
    [InlineData("CONSUL_HTTP_SSL_VERIFY", "no")]
    public void Build_BadBooleanVariable_ConfigErrorNamingVariable(string variable, string value)
    {
        var ex = BuildError([], env: new Dictionary<string, string> { [variable] = value });

        ex.ExitCode.ShouldBe(ExitCodes.Config);
        ex.Message.ShouldContain($"{variable} '{value}'");
        ex.Message.ShouldContain("expected a boolean");
    }

    [Fact]
    public void Build_TokenFileVariable_WinsOverTokenVariable()
    {
        string tokenFile = _files.Write("token", "from-file\n");

        var consul = Build([], env: new Dictionary<string, string>
        {
            ["CONSUL_HTTP_TOKEN"] = "from-env",
            ["CONSUL_HTTP_TOKEN_FILE"] = tokenFile,
        }).Consul;

        consul.TokenFile.ShouldBe(tokenFile);
        consul.Token.ShouldBeNull();
    }

    [Theory]
    [InlineData("--consul-acl-token=explicit", null)]
    [InlineData(null, "{\"consul-acl-token\": \"explicit\"}")]
    public void Build_ExplicitToken_ClearsTokenFileVariable(string? flag, string? configJson)
    {
        string tokenFile = _files.Write("token", "from-file");

        var consul = Build(flag is null ? [] : [flag], configJson, new Dictionary<string, string>
        {
            ["CONSUL_HTTP_TOKEN_FILE"] = tokenFile,
        }).Consul;

        consul.Token.ShouldBe("explicit");
        consul.TokenFile.ShouldBeNull();
    }

    [Fact]
    public void Build_CertificateVariables_SetFiles()
    {
        var env = new Dictionary<string, string>
        {
            ["CONSUL_CACERT"] = _files.Write("ca.pem", "ca"),
            ["CONSUL_CLIENT_CERT"] = _files.Write("client.pem", "cert"),
            ["CONSUL_CLIENT_KEY"] = _files.Write("client.key", "key"),
        };

        var consul = Build([], env: env).Consul;

        consul.CaFile.ShouldBe(env["CONSUL_CACERT"]);
        consul.ClientCertFile.ShouldBe(env["CONSUL_CLIENT_CERT"]);
        consul.ClientKeyFile.ShouldBe(env["CONSUL_CLIENT_KEY"]);
    }

    [Theory]
    [InlineData("CONSUL_CLIENT_CERT", "CONSUL_CLIENT_KEY is not")]
    [InlineData("CONSUL_CLIENT_KEY", "CONSUL_CLIENT_CERT is not")]
    public void Build_OnlyOneOfClientCertAndKey_ConfigError(string variable, string message)
    {
        var ex = BuildError([], env: new Dictionary<string, string> { [variable] = _files.Write("pem", "x") });

        ex.ExitCode.ShouldBe(ExitCodes.Config);
        ex.Message.ShouldContain(message);
        ex.Message.ShouldContain("set both or neither");
    }

    [Theory]
    [InlineData("CONSUL_HTTP_TOKEN_FILE")]
    [InlineData("CONSUL_CACERT")]
    [InlineData("CONSUL_CLIENT_CERT")]
    public void Build_VariableNamesMissingFile_NoInputErrorNamingVariable(string variable)
    {
        string missing = Path.Combine(_files.Directory, "missing.pem");
        var env = new Dictionary<string, string> { [variable] = missing, ["CONSUL_CLIENT_KEY"] = _files.Write("k", "k") };
        if (variable != "CONSUL_CLIENT_CERT")
        {
            env.Remove("CONSUL_CLIENT_KEY");
        }

        var ex = BuildError([], env: env);

        ex.ExitCode.ShouldBe(ExitCodes.NoInput);
        ex.Message.ShouldContain(variable);
        ex.Message.ShouldContain(missing);
    }

    [Theory]
    [InlineData("localhost:9000", "localhost:9000")]
    [InlineData(" 127.0.0.1:9001 ", "127.0.0.1:9001")]
    [InlineData(":9000", ":9000")]
    [InlineData("0.0.0.0:9000", "0.0.0.0:9000")]
    [InlineData("[::1]:9000", "[::1]:9000")]
    [InlineData("alerts.example.com:80", "alerts.example.com:80")]
    public void Build_ValidAlertAddress_IsKept(string value, string expected)
    {
        Build([$"--alert-addr={value}"]).AlertAddress.ShouldBe(expected);
    }

    [Theory]
    [InlineData("127.0.0.1:8500")]
    [InlineData("consul:8500")]
    [InlineData("consul")]
    [InlineData("http://consul:8500")]
    [InlineData("https://consul.example:8501/prefix")]
    [InlineData("HTTPS://consul.example")]
    [InlineData("unix:///var/run/consul.sock")]
    [InlineData("[::1]:8500")]
    public void Build_ValidConsulAddress_IsKept(string value)
    {
        Build([$"--consul-addr={value}"]).Consul.Address.ShouldBe(value);
    }

    [Theory]
    [InlineData("/consul-alerts/", "consul-alerts")]
    [InlineData("team-a/alerts", "team-a/alerts")]
    public void Build_KvPrefix_TrimsSlashes(string value, string expected)
    {
        Build([$"--kv-prefix={value}"]).KvPrefix.ShouldBe(expected);
    }

    [Theory]
    [InlineData("leader-ttl", "10s", 10)]
    [InlineData("leader-ttl", "15", 15)]
    [InlineData("leader-ttl", " 15 ", 15)]
    [InlineData("leader-ttl", "1m", 60)]
    [InlineData("leader-ttl", "90s", 90)]
    [InlineData("leader-ttl", "1m30s", 90)]
    [InlineData("leader-ttl", "10500ms", 10.5)]
    [InlineData("leader-ttl", "1h", 3600)]
    [InlineData("leader-ttl", "24h", 86400)]
    [InlineData("leader-lock-delay", "0s", 0)]
    [InlineData("leader-lock-delay", "0", 0)]
    [InlineData("leader-lock-delay", "500ms", 0.5)]
    [InlineData("leader-lock-delay", "15", 15)]
    [InlineData("leader-lock-delay", "1m", 60)]
    [InlineData("leader-lock-delay", "60s", 60)]
    [InlineData("leader-check-ttl", "0s", 0)]
    [InlineData("leader-check-ttl", "0", 0)]
    [InlineData("leader-check-ttl", "2s", 2)]
    [InlineData("leader-check-ttl", "2500ms", 2.5)]
    [InlineData("leader-check-ttl", "1h", 3600)]
    public void Build_ValidLeaderDuration_IsParsed(string option, string value, double seconds)
    {
        var options = Build([$"--{option}={value}"]);

        Setting(options, option).ShouldBe(TimeSpan.FromSeconds(seconds).ToString());
    }

    // The same bad value fails from either source, with the source's exit code and name.
    [Theory]
    [InlineData("leader-ttl", "9s", "must be from 10s to 24h")]
    [InlineData("leader-ttl", "9", "must be from 10s to 24h")]
    [InlineData("leader-ttl", "25h", "must be from 10s to 24h")]
    [InlineData("leader-ttl", "-1s", "must be from 10s to 24h")]
    [InlineData("leader-ttl", "1e12", "must be from 10s to 24h")]
    [InlineData("leader-ttl", "abc", "expected a duration such as 15s")]
    [InlineData("leader-ttl", "NaN", "expected a duration such as 15s")]
    [InlineData("leader-ttl", "", "expected a duration such as 15s")]
    [InlineData("leader-lock-delay", "61s", "must be from 0s to 60s")]
    [InlineData("leader-lock-delay", "-1s", "must be from 0s to 60s")]
    [InlineData("leader-lock-delay", "x", "expected a duration such as 15s")]
    [InlineData("leader-lock-delay", "5 s", "expected a duration such as 15s")]
    [InlineData("leader-check-ttl", "1s", "must be 0s (no leader check) or from 2s to 1h")]
    [InlineData("leader-check-ttl", "1999ms", "must be 0s (no leader check) or from 2s to 1h")]
    [InlineData("leader-check-ttl", "61m", "must be 0s (no leader check) or from 2s to 1h")]
    [InlineData("leader-check-ttl", "-2s", "must be 0s (no leader check) or from 2s to 1h")]
    public void Build_BadLeaderDuration_ErrorNamingSource(string option, string value, string reason)
    {
        var fromFlag = BuildError([$"--{option}={value}"]);
        var fromFile = BuildError([], $"{{\"{option}\": \"{value}\"}}");

        fromFlag.ExitCode.ShouldBe(ExitCodes.Usage);
        fromFlag.Message.ShouldStartWith($"invalid --{option} '{value}': {reason}");
        fromFile.ExitCode.ShouldBe(ExitCodes.Config);
        fromFile.Message.ShouldStartWith(
            $"invalid '{option}' in config file '{Path.Combine(_files.Directory, "config.json")}' '{value}': {reason}");
    }

    [Theory]
    [InlineData("dc1,,dc2", "an empty name")]
    [InlineData("dc1,dc 2", "'dc 2' is not a datacenter name")]
    public void Build_BadDatacenters_ErrorNamingSource(string value, string reason)
    {
        var fromFlag = BuildError([$"--datacenters={value}"]);
        var fromFile = BuildError([], $"{{\"datacenters\": \"{value}\"}}");

        fromFlag.ExitCode.ShouldBe(ExitCodes.Usage);
        fromFlag.Message.ShouldStartWith($"invalid --datacenters '{value}': ");
        fromFlag.Message.ShouldContain(reason);
        fromFile.ExitCode.ShouldBe(ExitCodes.Config);
        fromFile.Message.ShouldContain(reason);
    }

    [Fact]
    public void Build_ConfigFileNumberOutOfRange_ConfigErrorNamingKey()
    {
        var ex = BuildError([], "{\"leader-lock-delay\": 120}");

        ex.ExitCode.ShouldBe(ExitCodes.Config);
        ex.Message.ShouldContain("invalid 'leader-lock-delay' in config file");
        ex.Message.ShouldContain("'120': must be from 0s to 60s");
    }

    [Fact]
    public void Build_BadLeaderDurationOverriddenByOption_IsNotChecked()
    {
        Build(["--leader-ttl=20s"], "{\"leader-ttl\": \"nope\"}").LeaderTtl.ShouldBe(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Build_EmptyDatacenter_SendsNone()
    {
        Build(["--consul-dc="]).Consul.Datacenter.ShouldBeNull();
    }

    [Theory]
    [InlineData("--alert-addr=localhost", "invalid --alert-addr 'localhost': missing :port")]
    [InlineData("--alert-addr=localhost:0", "port 0 (any free port) needs an IP address")]
    [InlineData("--alert-addr=127.0.0.1:65536", "port '65536' is not a number from 0 to 65535")]
    [InlineData("--alert-addr=localhost:65536", "port '65536'")]
    [InlineData("--alert-addr=localhost:abc", "port 'abc'")]
    [InlineData("--alert-addr=http://localhost:9000", "without a scheme")]
    [InlineData("--alert-addr=::1:9000", "IPv6 addresses need brackets")]
    [InlineData("--alert-addr=", "invalid --alert-addr ''")]
    [InlineData("--consul-addr=ftp://consul:21", "unsupported scheme 'ftp'")]
    [InlineData("--consul-addr=consul:99999", "invalid --consul-addr 'consul:99999'")]
    [InlineData("--consul-addr=consul:0", "port must be from 1 to 65535")]
    [InlineData("--consul-addr=", "invalid --consul-addr ''")]
    [InlineData("--consul-addr=unix://", "expected unix:///path")]
    [InlineData("--consul-dc=dc 1", "invalid --consul-dc 'dc 1'")]
    [InlineData("--log-level=verbose", "invalid --log-level 'verbose': expected debug, info, warn or err")]
    [InlineData("--log-level=", "invalid --log-level ''")]
    [InlineData("--log-format=xml", "invalid --log-format 'xml': expected text or json")]
    [InlineData("--kv-prefix=/", "invalid --kv-prefix '/'")]
    [InlineData("--consul-ignore-cert=maybe", "invalid --consul-ignore-cert 'maybe'")]
    [InlineData("--config-file=", "--config-file needs a file name")]
    public void Build_BadOptionValue_UsageErrorNamingOption(string flag, string message)
    {
        var ex = BuildError([flag]);

        ex.ExitCode.ShouldBe(ExitCodes.Usage);
        ex.Message.ShouldContain(message);
    }

    [Theory]
    [InlineData("{\"alert-addr\": \"nope\"}", "'alert-addr' in config file")]
    [InlineData("{\"consul-addr\": \"gopher://x\"}", "'consul-addr' in config file")]
    [InlineData("{\"log-level\": \"loud\"}", "'log-level' in config file")]
    [InlineData("{\"log-format\": \"logfmt\"}", "'log-format' in config file")]
    [InlineData("{\"kv-prefix\": \" \"}", "'kv-prefix' in config file")]
    [InlineData("{\"consul-dc\": \"a/b\"}", "'consul-dc' in config file")]
    public void Build_BadConfigFileValue_ConfigErrorNamingFileAndKey(string json, string message)
    {
        var ex = BuildError([], json);

        ex.ExitCode.ShouldBe(ExitCodes.Config);
        ex.Message.ShouldContain(message);
        ex.Message.ShouldContain(Path.Combine(_files.Directory, "config.json"));
    }

    [Fact]
    public void Build_BadConsulAddressVariable_ConfigErrorNamingVariable()
    {
        var ex = BuildError([], env: new Dictionary<string, string> { ["CONSUL_HTTP_ADDR"] = "tcp://consul:8500" });

        ex.ExitCode.ShouldBe(ExitCodes.Config);
        ex.Message.ShouldContain("invalid CONSUL_HTTP_ADDR 'tcp://consul:8500'");
    }

    [Fact]
    public void Build_BadVariableOverriddenByOption_IsNotChecked()
    {
        var options = Build(["--consul-addr=consul:8500"], env: new Dictionary<string, string> { ["CONSUL_HTTP_ADDR"] = "tcp://bad" });

        options.Consul.Address.ShouldBe("consul:8500");
    }

    [Fact]
    public void Build_MissingConfigFile_NoInputError()
    {
        string missing = Path.Combine(_files.Directory, "absent.json");

        var ex = Should.Throw<CommandLineException>(() =>
            StartOptionsBuilder.Build(ArgumentParser.Parse(["start", $"--config-file={missing}"]), new FakeEnvironment()));

        ex.ExitCode.ShouldBe(ExitCodes.NoInput);
        ex.Message.ShouldContain(missing);
    }

    [Fact]
    public void Build_GoDaemonConfigFile_ReadsEveryKey()
    {
        var options = Build([], """
            {
              "log-level": "err",
              "consul-acl-token": "file-token",
              "consul-addr": "consul.service:8500",
              "consul-dc": "eu-west",
              "alert-addr": "0.0.0.0:9100",
              "watch-checks": true,
              "watch-events": true,
              "kv-prefix": "team-a"
            }
            """);

        options.LogLevel.ShouldBe(LogLevel.Error);
        options.Consul.Token.ShouldBe("file-token");
        options.Consul.Address.ShouldBe("consul.service:8500");
        options.Consul.Datacenter.ShouldBe("eu-west");
        options.AlertAddress.ShouldBe("0.0.0.0:9100");
        options.WatchChecks.ShouldBeTrue();
        options.WatchEvents.ShouldBeTrue();
        options.KvPrefix.ShouldBe("team-a");
    }

    private ConsulAlertsOptions Build(string[] flags, string? configJson = null, Dictionary<string, string>? env = null) =>
        StartOptionsBuilder.Build(Parse(flags, configJson), new FakeEnvironment(env));

    private CommandLineException BuildError(string[] flags, string? configJson = null, Dictionary<string, string>? env = null)
    {
        var arguments = Parse(flags, configJson);
        return Should.Throw<CommandLineException>(() => StartOptionsBuilder.Build(arguments, new FakeEnvironment(env)));
    }

    [Theory]
    [InlineData("--api-token=zqx zqx", null, "--api-token", ExitCodes.Usage)]
    [InlineData(null, "zqx\u0001zqx", "CONSUL_ALERTS_API_TOKEN", ExitCodes.Config)]
    public void Build_ApiTokenNotHeaderSafe_ErrorNamingSourceWithoutTheValue(string? flag, string? variable, string source, int exitCode)
    {
        var ex = BuildError(
            flag is null ? [] : [flag],
            env: variable is null ? null : new Dictionary<string, string> { ["CONSUL_ALERTS_API_TOKEN"] = variable });

        ex.ExitCode.ShouldBe(exitCode);
        ex.Message.ShouldContain(source);
        ex.Message.ShouldNotContain("zqx");
    }

    [Fact]
    public void Build_ApiTokenSet_OptionsTextHidesIt()
    {
        var options = Build(["--api-token=s3cr3t-api-token"]);

        options.ApiToken.ShouldBe("s3cr3t-api-token");
        options.ToString().ShouldNotContain("s3cr3t-api-token");
        options.ToString().ShouldContain("ApiToken = (set)");
    }

    private ParsedArguments Parse(string[] flags, string? configJson)
    {
        string[] args = configJson is null
            ? ["start", .. flags]
            : ["start", .. flags, $"--config-file={_files.Write("config.json", configJson)}"];
        return ArgumentParser.Parse(args);
    }

    private static string? Setting(ConsulAlertsOptions options, string name) => name switch
    {
        "alert-addr" => options.AlertAddress,
        "log-level" => options.LogLevel.ToString(),
        "log-format" => options.LogFormat.ToString(),
        "kv-prefix" => options.KvPrefix,
        "watch-checks" => options.WatchChecks.ToString(),
        "watch-events" => options.WatchEvents.ToString(),
        "pass-consul-token-to-scripts" => options.PassConsulTokenToScripts.ToString(),
        "consul-addr" => options.Consul.Address,
        "consul-dc" => options.Consul.Datacenter,
        "token" => options.Consul.Token,
        "token-file" => options.Consul.TokenFile,
        "use-tls" => options.Consul.UseTls.ToString(),
        "verify-tls" => options.Consul.VerifyTls.ToString(),
        "ca-file" => options.Consul.CaFile,
        "client-cert" => options.Consul.ClientCertFile,
        "client-key" => options.Consul.ClientKeyFile,
        "tls-server-name" => options.Consul.TlsServerName,
        "http-auth" => options.Consul.HttpAuth,
        "leader-ttl" => options.LeaderTtl.ToString(),
        "leader-check-ttl" => options.LeaderCheckTtl.ToString(),
        "leader-lock-delay" => options.LeaderLockDelay.ToString(),
        "api-token" => options.ApiToken,
        "datacenters" => options.Datacenters.ToString(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown setting"),
    };
}
