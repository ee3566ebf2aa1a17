namespace ConsulAlerts.Cli;

/// <summary>What the command line asks for.</summary>
internal enum CommandKind
{
    Help,
    Version,
    Start,
    Watch,
    DevAgent,
    Dev,
    Config,
    HealthCheck,
    Silence,
}
