using ConsulAlerts.Cli;

namespace ConsulAlerts.Tests.Cli;

public sealed class ArgumentParserTests
{
    private static readonly string[] ValueOptions =
    [
        "alert-addr", "consul-addr", "consul-dc", "consul-acl-token", "consul-ignore-cert", "log-level", "config-file", "kv-prefix",
        "leader-ttl", "leader-check-ttl", "leader-lock-delay",
    ];

    // Every way the Go daemon's users write an option value, including the stray spaces of old docs.
    private static readonly Func<string, string, string[]>[] Syntaxes =
    [
        (name, value) => [$"--{name}={value}"],
        (name, value) => [$"--{name}", value],
        (name, value) => [$"--{name}", "=", value],
        (name, value) => [$"--{name}=", value],
        (name, value) => [$"--{name}", $"={value}"],
    ];

    public static TheoryData<string, int> OptionSyntaxes()
    {
        var data = new TheoryData<string, int>();
        foreach (string option in ValueOptions)
        {
            for (int syntax = 0; syntax < Syntaxes.Length; syntax++)
            {
                data.Add(option, syntax);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OptionSyntaxes))]
    public void Parse_StartOptionInEverySyntax_ReadsValue(string option, int syntax)
    {
        string[] args = ["start", .. Syntaxes[syntax](option, "some-value")];

        var parsed = ArgumentParser.Parse(args);

        parsed.Command.ShouldBe(CommandKind.Start);
        parsed.Get(option).ShouldBe("some-value");
        parsed.Options.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Parse_WatchAndDevAgentOptionsInEverySyntax_ReadValue(int syntax)
    {
        var watch = ArgumentParser.Parse(["watch", "checks", .. Syntaxes[syntax]("alert-addr", "127.0.0.1:9001"), .. Syntaxes[syntax]("log-level", "debug")]);
        var agent = ArgumentParser.Parse(["dev-agent", .. Syntaxes[syntax]("port", "8600")]);

        watch.Get("alert-addr").ShouldBe("127.0.0.1:9001");
        watch.Get("log-level").ShouldBe("debug");
        agent.Get("port").ShouldBe("8600");
    }

    [Theory]
    [InlineData("watch-checks")]
    [InlineData("watch-events")]
    public void Parse_Switch_IsSetWithoutValue(string option)
    {
        var parsed = ArgumentParser.Parse(["start", $"--{option}"]);

        parsed.Has(option).ShouldBeTrue();
        parsed.Options.Count.ShouldBe(1);
    }

    [Fact]
    public void Parse_NoOptions_HasNone()
    {
        var parsed = ArgumentParser.Parse(["start"]);

        parsed.Options.ShouldBeEmpty();
        parsed.Has("watch-checks").ShouldBeFalse();
        parsed.Get("alert-addr").ShouldBeNull();
    }

    [Fact]
    public void Parse_GoDaemonCommandLine_ReadsEveryOption()
    {
        var parsed = ArgumentParser.Parse(
        [
            "start", "--alert-addr=0.0.0.0:9000", "--consul-addr", "consul:8500", "--consul-dc", "=", "dc2",
            "--consul-acl-token=abc", "--watch-checks", "--watch-events", "--log-level=info", "--config-file=/etc/ca.json",
        ]);

        parsed.Get("alert-addr").ShouldBe("0.0.0.0:9000");
        parsed.Get("consul-addr").ShouldBe("consul:8500");
        parsed.Get("consul-dc").ShouldBe("dc2");
        parsed.Get("consul-acl-token").ShouldBe("abc");
        parsed.Has("watch-checks").ShouldBeTrue();
        parsed.Has("watch-events").ShouldBeTrue();
        parsed.Get("log-level").ShouldBe("info");
        parsed.Get("config-file").ShouldBe("/etc/ca.json");
    }

    [Fact]
    public void Parse_ValueWithEqualsSign_KeepsEverythingAfterTheFirst()
    {
        ArgumentParser.Parse(["start", "--consul-acl-token=a=b=c"]).Get("consul-acl-token").ShouldBe("a=b=c");
    }

    [Fact]
    public void Parse_EmptyValueAtEnd_IsEmpty()
    {
        ArgumentParser.Parse(["start", "--consul-acl-token="]).Get("consul-acl-token").ShouldBe("");
    }

    [Fact]
    public void Parse_EmptyValueBeforeAnotherOption_IsEmpty()
    {
        var parsed = ArgumentParser.Parse(["start", "--consul-acl-token=", "--log-level=debug"]);

        parsed.Get("consul-acl-token").ShouldBe("");
        parsed.Get("log-level").ShouldBe("debug");
    }

    [Theory]
    [InlineData(new[] { "start" }, "Start", null)]
    [InlineData(new[] { "watch", "checks" }, "Watch", "checks")]
    [InlineData(new[] { "watch", "event" }, "Watch", "event")]
    [InlineData(new[] { "dev-agent" }, "DevAgent", null)]
    [InlineData(new[] { "dev" }, "Dev", null)]
    [InlineData(new[] { "healthcheck" }, "HealthCheck", null)]
    [InlineData(new[] { "config", "export" }, "Config", "export")]
    [InlineData(new[] { "--help" }, "Help", null)]
    [InlineData(new[] { "-h" }, "Help", null)]
    [InlineData(new[] { "--version" }, "Version", null)]
    [InlineData(new[] { "start", "--help" }, "Help", null)]
    [InlineData(new[] { "watch", "checks", "--version" }, "Version", null)]
    [InlineData(new[] { "--he" }, "Help", null)]
    public void Parse_Command_IsRecognised(string[] args, string command, string? target)
    {
        var parsed = ArgumentParser.Parse(args);

        parsed.Command.ShouldBe(Enum.Parse<CommandKind>(command));
        parsed.Target.ShouldBe(target);
    }

    [Fact]
    public void Parse_OptionsBeforeCommand_AreAccepted()
    {
        // docopt matches options anywhere on the line.
        var parsed = ArgumentParser.Parse(["--log-level=debug", "watch", "--alert-addr", "h:1", "event"]);

        parsed.Command.ShouldBe(CommandKind.Watch);
        parsed.Target.ShouldBe("event");
        parsed.Get("log-level").ShouldBe("debug");
        parsed.Get("alert-addr").ShouldBe("h:1");
    }

    [Theory]
    [InlineData("--alert=h:1", "alert-addr")]
    [InlineData("--consul-d=dc9", "consul-dc")]
    [InlineData("--consul-acl=t", "consul-acl-token")]
    [InlineData("--kv=p", "kv-prefix")]
    [InlineData("--watch-c", "watch-checks")]
    [InlineData("--log=debug", "log-level")]
    [InlineData("--lo=debug", "log-level")]
    [InlineData("--log-f=json", "log-format")]
    public void Parse_UniquePrefix_ResolvesToOption(string arg, string option)
    {
        ArgumentParser.Parse(["start", arg]).Has(option).ShouldBeTrue();
    }

    [Theory]
    [InlineData(new string[0], "no command given")]
    [InlineData(new[] { "stop" }, "unknown command 'stop'")]
    [InlineData(new[] { "Start" }, "unknown command 'Start'")]
    [InlineData(new[] { "start", "now" }, "unexpected argument 'now'")]
    [InlineData(new[] { "watch" }, "watch needs 'checks' or 'event'")]
    [InlineData(new[] { "watch", "services" }, "watch needs 'checks' or 'event', not 'services'")]
    [InlineData(new[] { "watch", "checks", "event" }, "unexpected argument 'event'")]
    [InlineData(new[] { "start", "--bogus" }, "unknown option '--bogus'")]
    [InlineData(new[] { "start", "--bogus=1" }, "unknown option '--bogus'")]
    [InlineData(new[] { "start", "-x" }, "unknown option '-x'")]
    [InlineData(new[] { "start", "--=x" }, "unknown option '--'")]
    [InlineData(new[] { "start", "--alert-addr" }, "--alert-addr needs a value")]
    [InlineData(new[] { "start", "--alert-addr", "=" }, "--alert-addr needs a value")]
    [InlineData(new[] { "start", "--alert-addr", "--log-level=debug" }, "--alert-addr needs a value")]
    [InlineData(new[] { "start", "--watch-checks=true" }, "--watch-checks takes no value")]
    [InlineData(new[] { "start", "--watch" }, "ambiguous: --watch-checks, --watch-events")]
    [InlineData(new[] { "start", "--consul" }, "ambiguous")]
    [InlineData(new[] { "start", "--leader=10s" }, "ambiguous: --leader-ttl, --leader-check-ttl, --leader-lock-delay")]
    [InlineData(new[] { "watch", "checks", "--leader-ttl=10s" }, "--leader-ttl is not an option of 'watch'")]
    [InlineData(new[] { "start", "--log-level=info", "--log-level=debug" }, "--log-level given more than once")]
    [InlineData(new[] { "watch", "checks", "--consul-addr=h:1" }, "--consul-addr is not an option of 'watch'")]
    [InlineData(new[] { "watch", "event", "--watch-checks" }, "--watch-checks is not an option of 'watch'")]
    [InlineData(new[] { "dev-agent", "--alert-addr=h:1" }, "--alert-addr is not an option of 'dev-agent'")]
    [InlineData(new[] { "start", "--port=1" }, "--port is not an option of 'start'")]
    [InlineData(new[] { "dev", "--consul-addr=h:1" }, "--consul-addr is not an option of 'dev'")]
    [InlineData(new[] { "config", "export", "--alert-addr=h:1" }, "--alert-addr is not an option of 'config'")]
    [InlineData(new[] { "config", "import" }, "config import needs a file")]
    [InlineData(new[] { "config", "remove", "f" }, "config needs 'import', 'export' or 'validate', not 'remove'")]
    [InlineData(new[] { "config", "export", "f" }, "unexpected argument 'f'")]
    [InlineData(new[] { "healthcheck", "--log-level=info" }, "--log-level is not an option of 'healthcheck'")]
    public void Parse_BadCommandLine_ThrowsUsageError(string[] args, string message)
    {
        var ex = Should.Throw<CommandLineException>(() => ArgumentParser.Parse(args));

        ex.Message.ShouldContain(message);
        ex.ExitCode.ShouldBe(ExitCodes.Usage);
        ex.ShowUsage.ShouldBeTrue();
    }

    [Fact]
    public void Parse_DoubleDash_EndsOptions()
    {
        var ex = Should.Throw<CommandLineException>(() => ArgumentParser.Parse(["start", "--", "--help"]));

        ex.Message.ShouldContain("unexpected argument '--help'");
    }

    [Theory]
    [InlineData("import")]
    [InlineData("validate")]
    public void Parse_ConfigWithFile_TargetAndOperand(string target)
    {
        var parsed = ArgumentParser.Parse(["config", target, "kv.json", "--kv-prefix=team-a", "--consul-addr", "h:1"]);

        parsed.Command.ShouldBe(CommandKind.Config);
        parsed.Target.ShouldBe(target);
        parsed.Operand.ShouldBe("kv.json");
        parsed.Get("kv-prefix").ShouldBe("team-a");
        parsed.Get("consul-addr").ShouldBe("h:1");
    }

    [Fact]
    public void Parse_DevOptions_Read()
    {
        var parsed = ArgumentParser.Parse(["dev", "--consul-port=0", "--alert-addr", "127.0.0.1:9100", "--log-level=debug"]);

        parsed.Command.ShouldBe(CommandKind.Dev);
        parsed.Get("consul-port").ShouldBe("0");
        parsed.Get("alert-addr").ShouldBe("127.0.0.1:9100");
        parsed.Get("log-level").ShouldBe("debug");
    }
}
