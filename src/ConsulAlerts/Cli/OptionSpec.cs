namespace ConsulAlerts.Cli;

/// <summary>A long option: its name without dashes, whether it takes a value, and the commands that accept it.</summary>
internal sealed record OptionSpec(string Name, bool TakesValue, IReadOnlyList<CommandKind> Commands)
{
    public static readonly IReadOnlyList<OptionSpec> All =
    [
        new("alert-addr", true, [CommandKind.Start, CommandKind.Watch]),
        new("consul-addr", true, [CommandKind.Start]),
        new("consul-dc", true, [CommandKind.Start]),
        new("consul-acl-token", true, [CommandKind.Start]),
        new("consul-ignore-cert", true, [CommandKind.Start]),
        new("watch-checks", false, [CommandKind.Start]),
        new("watch-events", false, [CommandKind.Start]),
        new("log-level", true, [CommandKind.Start, CommandKind.Watch]),
        new("config-file", true, [CommandKind.Start]),
        new("kv-prefix", true, [CommandKind.Start]),
        new("leader-ttl", true, [CommandKind.Start]),
        new("leader-lock-delay", true, [CommandKind.Start]),
        new("api-token", true, [CommandKind.Start, CommandKind.Watch]),
        new("port", true, [CommandKind.DevAgent]),
        new("help", false, [CommandKind.Start, CommandKind.Watch, CommandKind.DevAgent]),
        new("version", false, [CommandKind.Start, CommandKind.Watch, CommandKind.DevAgent]),
    ];
}
