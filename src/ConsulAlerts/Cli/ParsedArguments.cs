namespace ConsulAlerts.Cli;

/// <summary>
/// The command (with its target: <c>checks|event</c> for <c>watch</c>, <c>import|export|validate</c> for <c>config</c>)
/// and the options given on the command line, before config file, environment and defaults.
/// Option names have no dashes; a switch has the value <c>""</c>.
/// </summary>
internal sealed record ParsedArguments(CommandKind Command, string? Target, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>The file operand of <c>config import|validate</c>, or null.</summary>
    public string? Operand { get; init; }

    public string? Get(string name) => Options.TryGetValue(name, out var value) ? value : null;

    public bool Has(string name) => Options.ContainsKey(name);
}
