using ConsulAlerts.Cli;

namespace ConsulAlerts.Tests.Cli;

public sealed class ConfigFileTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Load_EveryKey_IsRead()
    {
        string path = _files.Write("config.json", """
            {
              "log-level": "debug",
              "log-format": "json",
              "consul-acl-token": "tok",
              "consul-addr": "consul:8500",
              "consul-dc": "dc2",
              "alert-addr": "localhost:9001",
              "watch-checks": true,
              "watch-events": false,
              "kv-prefix": "alerts-b",
              "consul-ignore-cert": true,
              "leader-ttl": "15s",
              "leader-lock-delay": 2,
              "api-token": "api-tok"
            }
            """);

        var file = ConfigFile.Load(path);

        file.ShouldBe(new ConfigFile(path)
        {
            LogLevel = "debug",
            LogFormat = "json",
            ConsulAclToken = "tok",
            ConsulAddr = "consul:8500",
            ConsulDc = "dc2",
            AlertAddr = "localhost:9001",
            WatchChecks = true,
            WatchEvents = false,
            KvPrefix = "alerts-b",
            ConsulIgnoreCert = true,
            LeaderTtl = "15s",
            LeaderLockDelay = "2",
            ApiToken = "api-tok",
        });
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"log-level\": null, \"watch-checks\": null}")]
    [InlineData("{\"leader-ttl\": null, \"leader-lock-delay\": null}")]
    [InlineData("// comment\n{ \"alert-addr\": null, }")]
    public void Parse_EmptyOrNullValues_SetNothing(string json)
    {
        ConfigFile.Parse("c.json", json).ShouldBe(new ConfigFile("c.json"));
    }

    [Theory]
    [InlineData("log-level", "1", "'log-level' must be a string, not a number")]
    [InlineData("consul-acl-token", "12345", "'consul-acl-token' must be a string, not a number")]
    [InlineData("consul-addr", "[]", "'consul-addr' must be a string, not an array")]
    [InlineData("consul-dc", "{}", "'consul-dc' must be a string, not an object")]
    [InlineData("alert-addr", "true", "'alert-addr' must be a string, not a boolean")]
    [InlineData("kv-prefix", "2", "'kv-prefix' must be a string, not a number")]
    [InlineData("watch-checks", "\"true\"", "'watch-checks' must be true or false, not a string")]
    [InlineData("watch-events", "1", "'watch-events' must be true or false, not a number")]
    [InlineData("consul-ignore-cert", "\"yes\"", "'consul-ignore-cert' must be true or false, not a string")]
    [InlineData("leader-ttl", "true", "'leader-ttl' must be a duration string such as \"15s\" or a number of seconds, not a boolean")]
    [InlineData("leader-lock-delay", "[5]", "'leader-lock-delay' must be a duration string such as \"15s\" or a number of seconds, not an array")]
    public void Parse_WrongType_ConfigErrorNamingFileAndKey(string key, string value, string message)
    {
        var ex = Should.Throw<CommandLineException>(() => ConfigFile.Parse("/etc/ca.json", $"{{\"{key}\": {value}}}"));

        ex.ExitCode.ShouldBe(ExitCodes.Config);
        ex.Message.ShouldBe($"config file '/etc/ca.json': {message}");
    }

    [Theory]
    [InlineData("\"15s\"", "15s")]
    [InlineData("\"1m30s\"", "1m30s")]
    [InlineData("15", "15")]
    [InlineData("1.5", "1.5")]
    [InlineData("0", "0")]
    public void Parse_DurationKey_KeepsStringOrNumberText(string value, string expected)
    {
        var file = ConfigFile.Parse("c.json", $"{{\"leader-ttl\": {value}, \"leader-lock-delay\": {value}}}");

        file.LeaderTtl.ShouldBe(expected);
        file.LeaderLockDelay.ShouldBe(expected);
    }

    [Fact]
    public void Load_ExampleInRepository_IsValid()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ConsulAlerts.sln")))
        {
            root = root.Parent;
        }

        root.ShouldNotBeNull("the repository root holds ConsulAlerts.sln");
        var file = ConfigFile.Load(Path.Combine(root.FullName, "config", "consul-alerts.json"));

        file.AlertAddr.ShouldBe("localhost:9000");
        file.ConsulAddr.ShouldBe("localhost:8500");
        file.LogLevel.ShouldBe("info");
    }

    [Fact]
    public void Parse_WrongTypeOfToken_DoesNotEchoValue()
    {
        var ex = Should.Throw<CommandLineException>(() => ConfigFile.Parse("c.json", "{\"consul-acl-token\": 987654321}"));

        ex.Message.ShouldNotContain("987654321");
    }

    [Fact]
    public void Parse_UnknownKey_ConfigErrorListingKnownKeys()
    {
        var ex = Should.Throw<CommandLineException>(() => ConfigFile.Parse("c.json", "{\"consul-address\": \"x\"}"));

        ex.ExitCode.ShouldBe(ExitCodes.Config);
        ex.Message.ShouldContain("config file 'c.json': unknown key 'consul-address'");
        ex.Message.ShouldContain("consul-addr");
        ex.Message.ShouldContain("leader-lock-delay");
    }

    [Theory]
    [InlineData("{\"log-level\": ", "not valid JSON")]
    [InlineData("log-level=debug", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    [InlineData("[]", "expected a JSON object, found an array")]
    [InlineData("\"x\"", "expected a JSON object, found a string")]
    [InlineData("{\"log-level\": \"info\", \"log-level\": \"debug\"}", "key 'log-level' appears more than once")]
    public void Parse_InvalidDocument_ConfigError(string json, string message)
    {
        var ex = Should.Throw<CommandLineException>(() => ConfigFile.Parse("c.json", json));

        ex.ExitCode.ShouldBe(ExitCodes.Config);
        ex.Message.ShouldStartWith("config file 'c.json': ");
        ex.Message.ShouldContain(message);
    }

    [Fact]
    public void Load_MissingFile_NoInputErrorNamingFile()
    {
        string path = Path.Combine(_files.Directory, "missing.json");

        var ex = Should.Throw<CommandLineException>(() => ConfigFile.Load(path));

        ex.ExitCode.ShouldBe(ExitCodes.NoInput);
        ex.Message.ShouldStartWith($"cannot read config file '{path}'");
    }

    [Fact]
    public void Load_Directory_NoInputError()
    {
        var ex = Should.Throw<CommandLineException>(() => ConfigFile.Load(_files.Directory));

        ex.ExitCode.ShouldBe(ExitCodes.NoInput);
        ex.Message.ShouldContain(_files.Directory);
    }

    [Fact]
    public void ToString_WithToken_ShowsOnlyPath()
    {
        string text = new ConfigFile("c.json") { ConsulAclToken = "secret-token" }.ToString();

        text.ShouldNotContain("secret-token");
        text.ShouldContain("c.json");
    }
}
