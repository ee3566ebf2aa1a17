using ConsulAlerts.Cli;
using ConsulAlerts.Tests.Testing;
using CsCheck;

namespace ConsulAlerts.Tests.Cli;

/// <summary>
/// The argument parser on generated command lines: valid ones (every command, its options in every accepted syntax and
/// unambiguous prefix, anywhere on the line) read back exactly; anything else is a usage error, never a crash.
/// </summary>
public sealed class ArgumentParserPropertyTests
{
    private static readonly (string[] Words, CommandKind Command, string? Target, string? Operand)[] Commands =
    [
        (["start"], CommandKind.Start, null, null),
        (["watch", "checks"], CommandKind.Watch, "checks", null),
        (["watch", "event"], CommandKind.Watch, "event", null),
        (["dev-agent"], CommandKind.DevAgent, null, null),
        (["dev"], CommandKind.Dev, null, null),
        (["healthcheck"], CommandKind.HealthCheck, null, null),
        (["config", "export"], CommandKind.Config, "export", null),
        (["config", "import", "kv.json"], CommandKind.Config, "import", "kv.json"),
        (["config", "validate", "/tmp/x y.json"], CommandKind.Config, "validate", "/tmp/x y.json"),
    ];

    // A value as users type them: addresses, levels, paths, durations, tokens, anything but what starts an option.
    private static readonly Gen<string> Value = Gen.Frequency(
        (3, Gen.OneOf("127.0.0.1:9000", ":9000", "debug", "err", "/etc/consul-alerts.json", "15s", "-5s", "a=b", "dc 2", "é", "-h", "-")),
        (1, TextGen.Text(6)))
        .Where(v => v.Length > 0 && !v.StartsWith("--", StringComparison.Ordinal) && !v.StartsWith('='));

    private static readonly Func<string, string, string[]>[] Syntaxes =
    [
        (name, value) => [$"--{name}={value}"],
        (name, value) => [$"--{name}", value],
        (name, value) => [$"--{name}", "=", value],
        (name, value) => [$"--{name}=", value],
        (name, value) => [$"--{name}", $"={value}"],
    ];

    private static readonly Gen<(string[] Args, int Command, Dictionary<string, string> Options)> ValidLine =
        Gen.Int[0, Commands.Length - 1].SelectMany(command =>
        {
            var allowed = OptionSpec.All.Where(o => o.Name is not ("help" or "version") && o.Commands.Contains(Commands[command].Command)).ToArray();
            var option = Gen.Select(Gen.Int[0, allowed.Length - 1], Value, Gen.Int[0, Syntaxes.Length - 1], Gen.Int[1, 20]);
            return Gen.Select(option.Array[0, 6], Gen.Int.Array[12]).Select((picked, order) =>
            {
                var options = new Dictionary<string, string>(StringComparer.Ordinal);
                var groups = new List<string[]>();
                foreach (var (index, value, syntax, prefixLength) in picked)
                {
                    var spec = allowed[index];
                    if (!options.TryAdd(spec.Name, spec.TakesValue ? value : ""))
                    {
                        continue;
                    }

                    string name = ShortestUniquePrefixAtLeast(spec.Name, prefixLength);
                    groups.Add(spec.TakesValue ? Syntaxes[syntax](name, value) : [$"--{name}"]);
                }

                // Options go anywhere between the command's words, each option's words kept together.
                var words = Commands[command].Words;
                var slots = groups.Select((g, i) => (Group: g, Slot: Math.Abs(order[i % order.Length] % (words.Length + 1)))).ToList();
                var args = new List<string>();
                for (var slot = 0; slot <= words.Length; slot++)
                {
                    args.AddRange(slots.Where(s => s.Slot == slot).SelectMany(s => s.Group));
                    if (slot < words.Length)
                    {
                        args.Add(words[slot]);
                    }
                }

                return (args.ToArray(), command, options);
            });
        });

    private static readonly Gen<string[]> AnyLine = TextGen.Of(
        [
            "start", "watch", "checks", "event", "dev", "dev-agent", "config", "import", "export", "validate", "healthcheck", "x.json",
            "--alert-addr", "--alert", "--consul-a", "--consul-addr=", "--consul-dc", "--log-level=debug", "--watch-checks", "--watch-checks=1",
            "--kv-prefix", "--port", "--p", "--", "-", "-h", "-x", "--help", "--version", "--=", "=", "=x", "--nope", "", " ", "\u00e9",
        ], 1)
        .Array[0, 8];

    [Fact]
    public void Parse_ValidCommandLine_ReadsTheCommandAndEveryOption()
    {
        ValidLine.Sample((args, command, options) =>
        {
            var parsed = ArgumentParser.Parse(args);

            parsed.Command.ShouldBe(Commands[command].Command);
            parsed.Target.ShouldBe(Commands[command].Target);
            parsed.Operand.ShouldBe(Commands[command].Operand);
            parsed.Options.ShouldBe(options, ignoreOrder: true);
        }, iter: 1_500, print: line => string.Join(" ", line.Item1.Select(a => $"[{a}]")));
    }

    [Fact]
    public void Parse_ValidCommandLineWithHelpOrVersion_AnywhereWins()
    {
        Gen.Select(ValidLine, Gen.OneOf("--help", "-h", "--version", "--vers"), Gen.Int[0, 20]).Sample((line, flag, at) =>
        {
            // Before any word that does not follow an option taking a value: first, last, or before another option.
            var args = line.Args.ToList();
            var starts = Enumerable.Range(0, args.Count + 1).Where(i => i == 0 || i == args.Count || args[i].StartsWith("--", StringComparison.Ordinal)).ToList();
            args.Insert(starts[at % starts.Count], flag);

            ArgumentParser.Parse(args).Command.ShouldBe(flag.Contains('v', StringComparison.Ordinal) ? CommandKind.Version : CommandKind.Help);
        }, iter: 1_000);
    }

    [Fact]
    public void Parse_AnyArguments_ParsedOrUsageErrorNothingElse()
    {
        AnyLine.Sample(args =>
        {
            try
            {
                ArgumentParser.Parse(args);
            }
            catch (CommandLineException error)
            {
                error.ExitCode.ShouldBe(ExitCodes.Usage);
                error.Message.ShouldNotBeNullOrWhiteSpace();
            }
        }, iter: 5_000);
    }

    // The shortest prefix of the name that names only it, lengthened to minLength when the name allows.
    private static string ShortestUniquePrefixAtLeast(string name, int minLength)
    {
        for (var length = Math.Min(minLength, name.Length); length < name.Length; length++)
        {
            var prefix = name[..length];
            if (OptionSpec.All.Count(o => o.Name.StartsWith(prefix, StringComparison.Ordinal)) == 1 && OptionSpec.All.All(o => o.Name != prefix || o.Name == name))
            {
                return prefix;
            }
        }

        return name;
    }
}
