namespace ConsulAlerts.Cli;

/// <summary>
/// Parses the Go daemon's docopt command line: options anywhere, <c>--name=value</c> or <c>--name value</c>,
/// a stray space around <c>=</c> (<c>--name = value</c>, <c>--name= value</c>, <c>--name =value</c>, as old
/// docs show), and unambiguous prefixes of option names as docopt allows.
/// </summary>
internal static class ArgumentParser
{
    /// <exception cref="CommandLineException">The command line does not match the usage (exit code 64).</exception>
    public static ParsedArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var positionals = new List<string>();
        bool endOfOptions = false;

        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (endOfOptions || arg.Length < 2 || arg[0] != '-')
            {
                positionals.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                endOfOptions = true;
                continue;
            }

            if (arg == "-h")
            {
                Add(options, "help", "");
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new CommandLineException($"unknown option '{arg}'");
            }

            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? arg[2..] : arg[2..equals];
            string? inlineValue = equals < 0 ? null : arg[(equals + 1)..];
            var spec = Resolve(name);

            string value;
            if (!spec.TakesValue)
            {
                if (inlineValue is not null)
                {
                    throw new CommandLineException($"--{spec.Name} takes no value");
                }

                value = "";
            }
            else if (inlineValue is null)
            {
                value = TakeSeparateValue(args, ref i, spec);
            }
            else if (inlineValue.Length == 0 && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                // "--name= value"
                value = args[++i];
            }
            else
            {
                value = inlineValue;
            }

            Add(options, spec.Name, value);
        }

        var (command, target, operand) = ResolveCommand(options, positionals);
        var operands = command == CommandKind.Silence ? positionals[2..] : [];
        foreach (string name in options.Keys)
        {
            var spec = OptionSpec.All.First(s => s.Name == name);
            if (command is not (CommandKind.Help or CommandKind.Version) && !spec.Commands.Contains(command))
            {
                throw new CommandLineException($"--{name} is not an option of '{CommandName(command)}'");
            }
        }

        return new ParsedArguments(command, target, options) { Operand = operand, Operands = operands };
    }

    // "--name value", "--name = value" and "--name =value".
    private static string TakeSeparateValue(IReadOnlyList<string> args, ref int i, OptionSpec spec)
    {
        if (i + 1 >= args.Count)
        {
            throw MissingValue(spec);
        }

        string next = args[++i];
        if (next == "=")
        {
            if (i + 1 >= args.Count)
            {
                throw MissingValue(spec);
            }

            return args[++i];
        }

        if (next.StartsWith('='))
        {
            return next[1..];
        }

        // A value never starts with "--"; this is a forgotten value followed by the next option.
        return next.StartsWith("--", StringComparison.Ordinal) ? throw MissingValue(spec) : next;
    }

    private static CommandLineException MissingValue(OptionSpec spec) =>
        new($"--{spec.Name} needs a value (--{spec.Name}=<value>)");

    // The Go daemon's own options: a prefix it took (--log for --log-level) keeps that meaning beside options added since.
    private static readonly HashSet<string> GoDaemonOptions =
        ["alert-addr", "consul-addr", "consul-dc", "consul-acl-token", "watch-checks", "watch-events", "log-level", "config-file", "help", "version"];

    private static OptionSpec Resolve(string name)
    {
        if (name.Length == 0)
        {
            throw new CommandLineException("unknown option '--'");
        }

        var exact = OptionSpec.All.FirstOrDefault(s => s.Name == name);
        if (exact is not null)
        {
            return exact;
        }

        var candidates = OptionSpec.All.Where(s => s.Name.StartsWith(name, StringComparison.Ordinal)).ToList();
        if (candidates.Count > 1 && candidates.Where(c => GoDaemonOptions.Contains(c.Name)).ToList() is [var goOption])
        {
            return goOption;
        }

        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new CommandLineException($"unknown option '--{name}'"),
            _ => throw new CommandLineException(
                $"option '--{name}' is ambiguous: {string.Join(", ", candidates.Select(c => "--" + c.Name))}"),
        };
    }

    private static void Add(Dictionary<string, string> options, string name, string value)
    {
        if (!options.TryAdd(name, value))
        {
            throw new CommandLineException($"--{name} given more than once");
        }
    }

    private static (CommandKind Command, string? Target, string? Operand) ResolveCommand(Dictionary<string, string> options, List<string> positionals)
    {
        // docopt shows help or the version whatever else is on the line.
        if (options.ContainsKey("help"))
        {
            return (CommandKind.Help, null, null);
        }

        if (options.ContainsKey("version"))
        {
            return (CommandKind.Version, null, null);
        }

        if (positionals.Count == 0)
        {
            throw new CommandLineException("no command given");
        }

        (CommandKind command, string? target, string? operand, int used) = positionals[0] switch
        {
            "start" => (CommandKind.Start, null, null, 1),
            "dev-agent" => (CommandKind.DevAgent, null, null, 1),
            "dev" => (CommandKind.Dev, null, null, 1),
            "healthcheck" => (CommandKind.HealthCheck, null, null, 1),
            "watch" => (CommandKind.Watch, WatchTargetOf(positionals), null, 2),
            "config" => ConfigTargetOf(positionals),
            "silence" => SilenceTargetOf(positionals),
            _ => throw new CommandLineException($"unknown command '{positionals[0]}'"),
        };

        return positionals.Count > used
            ? throw new CommandLineException($"unexpected argument '{positionals[used]}'")
            : (command, target, operand);
    }

    // "config export", "config import FILE", "config validate FILE".
    private static (CommandKind, string?, string?, int) ConfigTargetOf(List<string> positionals)
    {
        string target = positionals.Count < 2
            ? throw new CommandLineException("config needs 'import', 'export' or 'validate'")
            : positionals[1] is "import" or "export" or "validate"
                ? positionals[1]
                : throw new CommandLineException($"config needs 'import', 'export' or 'validate', not '{positionals[1]}'");
        if (target == "export")
        {
            return (CommandKind.Config, target, null, 2);
        }

        return positionals.Count < 3 || positionals[2].Length == 0
            ? throw new CommandLineException($"config {target} needs a file (consul kv export format)")
            : (CommandKind.Config, target, positionals[2], 3);
    }

    // "silence add <matcher>...", "silence update <id> [<matcher>...]", "silence list", "silence expire <id>...", "silence import [file|-]", "silence export";
    // the operands are taken by the command itself.
    private static (CommandKind, string?, string?, int) SilenceTargetOf(List<string> positionals)
    {
        const string Targets = "'add', 'update', 'list', 'expire', 'import' or 'export'";
        string target = positionals.Count < 2
            ? throw new CommandLineException($"silence needs {Targets}")
            : positionals[1] is "add" or "update" or "list" or "expire" or "import" or "export"
                ? positionals[1]
                : throw new CommandLineException($"silence needs {Targets}, not '{positionals[1]}'");
        return (CommandKind.Silence, target, null, positionals.Count);
    }

    private static string WatchTargetOf(List<string> positionals) =>
        positionals.Count < 2
            ? throw new CommandLineException("watch needs 'checks' or 'event'")
            : positionals[1] is "checks" or "event"
                ? positionals[1]
                : throw new CommandLineException($"watch needs 'checks' or 'event', not '{positionals[1]}'");

    private static string CommandName(CommandKind command) => command switch
    {
        CommandKind.Start => "start",
        CommandKind.Watch => "watch",
        CommandKind.DevAgent => "dev-agent",
        CommandKind.Dev => "dev",
        CommandKind.Config => "config",
        CommandKind.HealthCheck => "healthcheck",
        CommandKind.Silence => "silence",
        _ => command.ToString(),
    };
}
