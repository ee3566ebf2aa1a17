using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Kv;

namespace ConsulAlerts.Cli;

/// <summary>
/// <c>consul-alerts config import|export|validate</c>: moves the KV configuration in and out of Consul in the format
/// of <c>consul kv export</c>, and checks a file with the daemon's own parser before it reaches Consul.
/// </summary>
/// <remarks>
/// A file's keys carry their own prefix (<c>consul-alerts/config/...</c>, as exported); import writes them under
/// <c>--kv-prefix</c>, so a file exported from one instance configures another.
/// </remarks>
internal static class ConfigCommand
{
    public static async Task<int> RunAsync(ParsedArguments arguments, CliContext context)
    {
        return arguments.Target switch
        {
            "validate" => await ValidateAsync(arguments.Operand!, context),
            "import" => await ImportAsync(arguments, context),
            _ => await ExportAsync(arguments, context),
        };
    }

    private static async Task<int> ValidateAsync(string path, CliContext context)
    {
        var file = ConfigFileContents.Load(path);
        if (file.Problems.Count > 0)
        {
            return await ReportProblemsAsync(path, file.Problems, context, "");
        }

        await context.Stdout.WriteLineAsync($"{path}: valid ({file.Entries.Count} keys under {file.Root})");
        return ExitCodes.Success;
    }

    private static async Task<int> ImportAsync(ParsedArguments arguments, CliContext context)
    {
        string path = arguments.Operand!;
        var options = StartOptionsBuilder.Build(arguments, context.Environment);
        var file = ConfigFileContents.Load(path);
        if (file.Problems.Count > 0)
        {
            return await ReportProblemsAsync(path, file.Problems, context, "; nothing imported");
        }

        string root = AlertsConfigParser.ConfigRoot(options.KvPrefix);
        using var consul = ConsulClient.Create(options.Consul);
        try
        {
            foreach (var entry in file.Entries)
            {
                string key = root + entry.Key[file.Root.Length..];
                await consul.Kv.PutAsync(key, entry.Value, new KvPutOptions { Flags = entry.Flags }, context.Shutdown);
            }
        }
        catch (ConsulException ex)
        {
            await context.Stderr.WriteLineAsync($"consul-alerts: cannot write to Consul at {consul.Address}: {ex.Message}");
            return ExitCodes.Failure;
        }

        await context.Stdout.WriteLineAsync($"imported {file.Entries.Count} keys from {path} into {root} at {consul.Address}");
        return ExitCodes.Success;
    }

    private static async Task<int> ExportAsync(ParsedArguments arguments, CliContext context)
    {
        var options = StartOptionsBuilder.Build(arguments, context.Environment);
        string root = AlertsConfigParser.ConfigRoot(options.KvPrefix);
        using var consul = ConsulClient.Create(options.Consul);
        IReadOnlyList<KvPair> pairs;
        try
        {
            pairs = (await consul.Kv.ListAsync(root, cancellationToken: context.Shutdown)).Value;
        }
        catch (ConsulException ex)
        {
            await context.Stderr.WriteLineAsync($"consul-alerts: cannot read from Consul at {consul.Address}: {ex.Message}");
            return ExitCodes.Failure;
        }

        var entries = pairs
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new KvExportEntry(p.Key, p.Flags, p.Value ?? []));
        await context.Stdout.WriteLineAsync(KvExportFormat.Write(entries));
        return ExitCodes.Success;
    }

    private static async Task<int> ReportProblemsAsync(string path, IReadOnlyList<ConfigError> problems, CliContext context, string suffix)
    {
        foreach (var problem in problems)
        {
            await context.Stdout.WriteLineAsync(problem.ToString());
        }

        await context.Stderr.WriteLineAsync(
            $"consul-alerts: {path}: {problems.Count} {(problems.Count == 1 ? "problem" : "problems")}{suffix}");
        return ExitCodes.Config;
    }
}
