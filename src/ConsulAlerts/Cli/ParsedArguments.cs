namespace ConsulAlerts.Cli;

/// <summary>
/// The command (with its target: <c>checks|event</c> for <c>watch</c>, <c>import|export|validate</c> for <c>config</c>,
/// <c>add|list|expire|import|export</c> for <c>silence</c>)
/// and the options given on the command line, before config file, environment and defaults.
/// Option names have no dashes; a switch has the value <c>""</c>.
/// </summary>
internal sealed record ParsedArguments(CommandKind Command, string? Target, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>The file operand of <c>config import|validate</c>, or null.</summary>
    public string? Operand { get; init; }

    /// <summary>The operands of <c>silence</c>: matchers of <c>add</c>, ids of <c>expire</c>, the file of <c>import</c>.</summary>
    public IReadOnlyList<string> Operands { get; init; } = [];

    public string? Get(string name) => Options.TryGetValue(name, out var value) ? value : null;

    public bool Has(string name) => Options.ContainsKey(name);
}
