using Amazon.Runtime;
using Amazon.Runtime.Identity;

namespace ConsulAlerts.Tests.Notifications.Testing;

/// <summary>A credential resolver that always answers with the same credentials, for tests that do not test the chain.</summary>
internal sealed class FixedAwsCredentials(AWSCredentials credentials) : IIdentityResolver<AWSCredentials>
{
    public AWSCredentials ResolveIdentity(IClientConfig clientConfig) => credentials;

    public Task<AWSCredentials> ResolveIdentityAsync(IClientConfig clientConfig, CancellationToken cancellationToken = default) => Task.FromResult(credentials);

    BaseIdentity IIdentityResolver.ResolveIdentity(IClientConfig clientConfig) => credentials;

    async Task<BaseIdentity> IIdentityResolver.ResolveIdentityAsync(IClientConfig clientConfig, CancellationToken cancellationToken) =>
        await ResolveIdentityAsync(clientConfig, cancellationToken);
}
