using ConsulAlerts.Cli;

namespace ConsulAlerts.Tests.Cli;

/// <summary>An environment made of a dictionary, so tests never read or change the process environment.</summary>
internal sealed class FakeEnvironment(IReadOnlyDictionary<string, string>? variables = null) : IEnvironmentVariables
{
    private readonly IReadOnlyDictionary<string, string> _variables = variables ?? new Dictionary<string, string>();

    public string? Get(string name) => _variables.TryGetValue(name, out var value) ? value : null;
}
