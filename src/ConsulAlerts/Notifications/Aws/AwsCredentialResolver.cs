using System.Diagnostics.CodeAnalysis;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Identity;
using Amazon.SecurityToken;

namespace ConsulAlerts.Notifications.Aws;

/// <summary>
/// AWS credentials from the AWS SDK's default chain, as the Go daemon's <c>session.New</c> found them: the environment
/// (<c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c>), web identity
/// (<c>AWS_WEB_IDENTITY_TOKEN_FILE</c>, <c>AWS_ROLE_ARN</c>), the shared credentials and config files
/// (<c>AWS_PROFILE</c>, assume-role profiles, <c>credential_process</c>), the ECS/EKS container endpoint
/// (<c>AWS_CONTAINER_CREDENTIALS_RELATIVE_URI</c> or <c>_FULL_URI</c>), then EC2 instance metadata (IMDSv2). The SDK
/// keeps what it found, looks again when the environment or the files change, and refreshes temporary credentials
/// before they expire. Error texts name sources, never a key.
/// </summary>
internal sealed class AwsCredentialResolver(IIdentityResolver<AWSCredentials> chain) : IDisposable
{
    /// <summary>The SDK's default chain over this process's environment and files.</summary>
    // Web identity and assume-role profiles call STS through a client that the SDK creates by reflection from
    // AWSSDK.SecurityToken (its registry of prebuilt clients cannot carry an assume-role profile's source credentials).
    // These keep that client's constructors in a trimmed or native build.
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(AmazonSecurityTokenServiceClient))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(AmazonSecurityTokenServiceConfig))]
    public static AwsCredentialResolver CreateDefault() => new(new DefaultAWSCredentialsIdentityResolver());

    /// <summary>The current credentials, or why there are none and whether asking again later may help.</summary>
    public async Task<(AwsCredentials? Credentials, NotifyResult? Failure)> ResolveAsync(CancellationToken cancellationToken)
    {
        AWSCredentials source;
        try
        {
            // The chain walk is synchronous inside the SDK (file reads, instance metadata with its own time-outs): off
            // the caller's thread, and abandoned at cancellation.
            source = await Task.Run(() => chain.ResolveIdentityAsync(null, cancellationToken), cancellationToken)
                .WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AmazonClientException or AmazonServiceException or InvalidOperationException)
        {
            return (null, NotifyResult.Failed("no AWS credentials found: " + OneLine(e.Message), retryable: false));
        }
        catch (ProcessAWSCredentialException)
        {
            // Its text may quote what the process printed, which may be a key.
            return (null, NotifyResult.Failed("no AWS credentials: the profile's credential_process failed", retryable: false));
        }

        ImmutableCredentials credentials;
        try
        {
            credentials = await source.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AmazonClientException or AmazonServiceException or InvalidOperationException or HttpRequestException or IOException
            or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A container endpoint, instance metadata or STS that does not answer now may answer later.
            return (null, NotifyResult.Failed($"AWS credentials could not be fetched ({source.GetType().Name}): {OneLine(e.Message)}", retryable: true));
        }
        catch (ProcessAWSCredentialException)
        {
            return (null, NotifyResult.Failed("AWS credentials could not be fetched: the profile's credential_process failed", retryable: true));
        }

        if (credentials is null || string.IsNullOrEmpty(credentials.AccessKey) || string.IsNullOrEmpty(credentials.SecretKey))
        {
            return (null, NotifyResult.Failed($"AWS credentials from {source.GetType().Name} are empty", retryable: true));
        }

        return (new AwsCredentials(credentials.AccessKey, credentials.SecretKey, credentials.UseToken ? credentials.Token : null), null);
    }

    public void Dispose() => (chain as IDisposable)?.Dispose();

    /// <summary>The SDK lists each source's failure on its own line; error texts are one line.</summary>
    private static string OneLine(string text)
    {
        var joined = string.Join("; ", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return joined.Length <= 2000 ? joined : joined[..2000] + "...";
    }
}
