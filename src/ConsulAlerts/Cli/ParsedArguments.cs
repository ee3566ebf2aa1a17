namespace ConsulAlerts.Cli;

/// <summary>
/// The command and the options given on the command line, before config file, environment and defaults.
/// Option names have no dashes; a switch has the value <c>""</c>.
/// </summary>
internal sealed record ParsedArguments(CommandKind Command, string? WatchTarget, IReadOnlyDictionary<string, string> Options)
{
    public string? Get(string name) => Options.TryGetValue(name, out var value) ? value : null;

    public bool Has(string name) => Options.ContainsKey(name);
}
