namespace ConsulAlerts.Cli;

/// <summary>A problem with the command line, config file or environment, with the exit code it maps to.</summary>
internal sealed class CommandLineException : Exception
{
    public CommandLineException()
        : this("invalid command line", ExitCodes.Usage)
    {
    }

    public CommandLineException(string message)
        : this(message, ExitCodes.Usage)
    {
    }

    public CommandLineException(string message, Exception innerException)
        : base(message, innerException) => ExitCode = ExitCodes.Usage;

    public CommandLineException(string message, int exitCode)
        : base(message) => ExitCode = exitCode;

    public int ExitCode { get; }

    /// <summary>True when the usage text should follow the message.</summary>
    public bool ShowUsage => ExitCode == ExitCodes.Usage;
}
