using System.Runtime.CompilerServices;

namespace ConsulAlerts.Tests.Testing;

/// <summary>
/// Keeps the AWS SDK's credential chain inside the test run, for every test and every daemon the tests start: EC2
/// instance metadata lookups are off, so nothing ever asks 169.254.169.254 (tests talk to loopback addresses only), and
/// the shared credentials and config files are empty ones of the test run, not the machine's <c>~/.aws</c>. The SDK
/// fixes those two paths the first time it reads them, so this must hold before any test runs. Tests of instance
/// metadata turn it on for themselves, pointed at a loopback endpoint.
/// </summary>
internal static class AwsIsolation
{
    public const string InstanceMetadataDisabled = "AWS_EC2_METADATA_DISABLED";

    /// <summary>An empty shared credentials file.</summary>
    public static string EmptyCredentialsFile { get; } = Path.Combine(AppContext.BaseDirectory, "aws-isolation", "credentials");

#pragma warning disable CA2255 // A test assembly is the application here: this must hold before any test runs.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable(InstanceMetadataDisabled, "true");
        var directory = Path.GetDirectoryName(EmptyCredentialsFile)!;
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "config");
        File.WriteAllText(EmptyCredentialsFile, "");
        File.WriteAllText(config, "");
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", EmptyCredentialsFile);
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", config);
    }
}
