namespace ConsulAlerts.Cli;

/// <summary>What a command reads and writes; tests pass their own streams, environment and shutdown token.</summary>
internal sealed record CliContext(Stream Stdin, TextWriter Stdout, TextWriter Stderr, IEnvironmentVariables Environment)
{
    /// <summary>Where the daemon logs; null means the process's standard error through the console sink.</summary>
    public TextWriter? LogOutput { get; init; }

    /// <summary>Stops a long-running command as SIGINT/SIGTERM would.</summary>
    public CancellationToken Shutdown { get; init; }

    /// <summary>How long <c>watch</c> waits for the daemon.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock <c>silence add</c> counts <c>--duration</c> from; virtual in tests.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where <c>dev</c> keeps its files; null means the process's temporary directory (TMPDIR).</summary>
    public string? TempDirectory { get; init; }

    public static CliContext ForProcess() =>
        new(Console.OpenStandardInput(), Console.Out, Console.Error, new ProcessEnvironmentVariables());
}
