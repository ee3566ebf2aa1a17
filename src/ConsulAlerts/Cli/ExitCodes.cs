namespace ConsulAlerts.Cli;

/// <summary>Process exit codes; the sysexits.h ones are what scripts and init systems expect.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary><c>start</c>: the alert address is taken; <c>watch</c>: the daemon answered with an error.</summary>
    public const int Failure = 1;

    /// <summary><c>watch</c>: the daemon is not reachable (the Go daemon's code).</summary>
    public const int DaemonUnreachable = 2;

    /// <summary>EX_USAGE: bad command line.</summary>
    public const int Usage = 64;

    /// <summary>EX_NOINPUT: a named file cannot be read.</summary>
    public const int NoInput = 66;

    /// <summary>EX_SOFTWARE: an unexpected internal error.</summary>
    public const int Software = 70;

    /// <summary>EX_CONFIG: invalid config file or environment.</summary>
    public const int Config = 78;
}
