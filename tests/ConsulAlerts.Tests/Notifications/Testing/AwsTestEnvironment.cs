using Amazon;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Internal;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.Notifications.Testing;

/// <summary>
/// A process environment in which the AWS SDK's default credential chain finds nothing but what a test gives it: every
/// AWS credential variable unset, empty shared credentials and config files (<see cref="AwsIsolation"/>), instance
/// metadata off. Only for tests of the <see cref="ProcessEnvironmentGroup"/> collection, which call <see cref="Reread"/>
/// when done.
/// </summary>
internal static class AwsTestEnvironment
{
    private static readonly string[] CredentialVariables =
    [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SECRET_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
        "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
        "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_STS", "AWS_REGION", "AWS_DEFAULT_REGION",
    ];

    /// <summary>The clean environment, with <paramref name="variables"/> set on top; disposing it restores the previous one.</summary>
    /// <param name="variables">Variables to set (null unsets).</param>
    public static ProcessEnvironment Clean(params (string Name, string? Value)[] variables)
    {
        var environment = new ProcessEnvironment();
        foreach (var name in CredentialVariables)
        {
            environment.Set(name, null);
        }

        environment.Set(AwsIsolation.InstanceMetadataDisabled, "true");
        foreach (var (name, value) in variables)
        {
            environment.Set(name, value);
        }

        // The SDK reads the instance metadata endpoint once per process; read it again from this environment.
        FallbackInternalConfigurationFactory.Reset();
        return environment;
    }

    /// <summary>
    /// Stops the SDK's process-wide instance metadata credentials (a singleton that refreshes itself on a timer), so that
    /// it asks no endpoint after the test. Call while the test's environment is still in place.
    /// </summary>
    public static void StopInstanceMetadataRefresh()
    {
        using var resolver = new DefaultAWSCredentialsIdentityResolver();
        (resolver.ResolveIdentity(null) as IDisposable)?.Dispose();
    }

    /// <summary>
    /// Makes the SDK read <paramref name="file"/> as the shared credentials file until <see cref="Reread"/>. (The SDK
    /// takes <c>AWS_SHARED_CREDENTIALS_FILE</c> once per process, so a test cannot point it elsewhere through the variable.)
    /// </summary>
    public static void UseCredentialsFile(string file) => AWSConfigs.AWSProfilesLocation = file;

    /// <summary>After a test: the test run's empty credentials file again, and the SDK's configuration read from the restored environment.</summary>
    public static void Reread()
    {
        AWSConfigs.AWSProfilesLocation = null;
        FallbackInternalConfigurationFactory.Reset();
    }
}
