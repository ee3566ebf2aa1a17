namespace ConsulAlerts.Cli;

/// <summary>Reads environment variables; injected so tests never touch the process environment.</summary>
internal interface IEnvironmentVariables
{
    /// <summary>The variable's value, or null when it is unset.</summary>
    string? Get(string name);
}
