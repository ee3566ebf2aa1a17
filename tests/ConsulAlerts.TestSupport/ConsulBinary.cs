namespace ConsulAlerts.TestSupport;

/// <summary>
/// Finds the real Consul binary tests may start: <c>CONSUL_ALERTS_TEST_CONSUL_BIN</c> when set, else <c>consul</c> on
/// <c>PATH</c>. Without one, real-agent tests are skipped with <see cref="MissingReason"/>.
/// </summary>
public static class ConsulBinary
{
    /// <summary>Path of a Consul binary (or a script that execs one) to start agents from.</summary>
    public const string PathVariable = "CONSUL_ALERTS_TEST_CONSUL_BIN";

    private static readonly Lazy<(string? Path, string Reason)> Found = new(Locate);

    /// <summary>The binary's path, or null when there is none.</summary>
    public static string? Path => Found.Value.Path;

    /// <summary>Why there is no binary (empty when there is one): what a skipped test prints.</summary>
    public static string MissingReason => Found.Value.Reason;

    private static (string? Path, string Reason) Locate()
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? (System.IO.Path.GetFullPath(configured), string.Empty)
                : (null, $"{PathVariable}={configured} does not exist");
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator))
        {
            if (directory.Length == 0)
            {
                continue;
            }

            var candidate = System.IO.Path.Combine(directory, "consul");
            if (File.Exists(candidate))
            {
                return (candidate, string.Empty);
            }
        }

        return (null, $"no real Consul agent: set {PathVariable} to a consul binary or put consul on PATH");
    }
}
