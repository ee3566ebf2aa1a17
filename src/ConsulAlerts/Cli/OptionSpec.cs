namespace ConsulAlerts.Cli;

/// <summary>A long option: its name without dashes, whether it takes a value, and the commands that accept it.</summary>
internal sealed record OptionSpec(string Name, bool TakesValue, IReadOnlyList<CommandKind> Commands)
{
    private static readonly CommandKind[] AllCommands = Enum.GetValues<CommandKind>();

    public static readonly IReadOnlyList<OptionSpec> All =
    [
        new("alert-addr", true, [CommandKind.Start, CommandKind.Watch, CommandKind.Dev, CommandKind.HealthCheck, CommandKind.Silence]),
        new("consul-addr", true, [CommandKind.Start, CommandKind.Config]),
        new("consul-dc", true, [CommandKind.Start, CommandKind.Config]),
        new("datacenters", true, [CommandKind.Start]),
        new("consul-acl-token", true, [CommandKind.Start, CommandKind.Config]),
        new("consul-ignore-cert", true, [CommandKind.Start, CommandKind.Config]),
        new("watch-checks", false, [CommandKind.Start]),
        new("watch-events", false, [CommandKind.Start]),
        new("pass-consul-token-to-scripts", false, [CommandKind.Start]),
        new("log-level", true, [CommandKind.Start, CommandKind.Watch, CommandKind.Dev]),
        new("log-format", true, [CommandKind.Start, CommandKind.Dev]),
        new("config-file", true, [CommandKind.Start, CommandKind.Config]),
        new("kv-prefix", true, [CommandKind.Start, CommandKind.Config]),
        new("leader-ttl", true, [CommandKind.Start]),
        new("leader-check-ttl", true, [CommandKind.Start]),
        new("leader-lock-delay", true, [CommandKind.Start]),
        new("api-token", true, [CommandKind.Start, CommandKind.Watch, CommandKind.Silence]),
        new("duration", true, [CommandKind.Silence]),
        new("start", true, [CommandKind.Silence]),
        new("end", true, [CommandKind.Silence]),
        new("comment", true, [CommandKind.Silence]),
        new("author", true, [CommandKind.Silence]),
        new("port", true, [CommandKind.DevAgent]),
        new("consul-port", true, [CommandKind.Dev]),
        new("help", false, AllCommands),
        new("version", false, AllCommands),
    ];
}
