using ConsulAlerts.Notifications.Aws;
using ConsulAlerts.Tests.Notifications.Testing;
using ConsulAlerts.Tests.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace ConsulAlerts.Tests.Notifications.Aws;

/// <summary>The SDK's default chain, driven through this process's environment (hence the collection that runs alone).</summary>
[Collection(ProcessEnvironmentGroup.Name)]
public sealed class AwsCredentialResolverTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose()
    {
        _directory.Dispose();
        AwsTestEnvironment.Reread();
    }

    private static async Task<AwsCredentials> ResolvedAsync(AwsCredentialResolver resolver)
    {
        var (credentials, failure) = await resolver.ResolveAsync(CancellationToken.None);
        failure.ShouldBeNull(failure?.Error);
        return credentials.ShouldNotBeNull();
    }

    [Fact]
    public async Task ResolveAsync_EnvironmentVariables_AreUsedFirst()
    {
        File.WriteAllText(Path.Combine(_directory.Path, "credentials"), "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = FILESECRET\n");
        using var environment = AwsTestEnvironment.Clean(("AWS_ACCESS_KEY_ID", "ENVKEY"), ("AWS_SECRET_ACCESS_KEY", "ENVSECRET"), ("AWS_SESSION_TOKEN", "ENVTOKEN"));
        AwsTestEnvironment.UseCredentialsFile(Path.Combine(_directory.Path, "credentials"));
        using var resolver = AwsCredentialResolver.CreateDefault();

        (await ResolvedAsync(resolver)).ShouldBe(new AwsCredentials("ENVKEY", "ENVSECRET", "ENVTOKEN"));
    }

    [Fact]
    public async Task ResolveAsync_RotatedEnvironmentVariables_AreTakenAtTheNextCall()
    {
        using var environment = AwsTestEnvironment.Clean(("AWS_ACCESS_KEY_ID", "OLDKEY"), ("AWS_SECRET_ACCESS_KEY", "OLDSECRET"));
        using var resolver = AwsCredentialResolver.CreateDefault();
        (await ResolvedAsync(resolver)).AccessKeyId.ShouldBe("OLDKEY");

        environment.Set("AWS_ACCESS_KEY_ID", "NEWKEY");
        environment.Set("AWS_SECRET_ACCESS_KEY", "NEWSECRET");

        (await ResolvedAsync(resolver)).ShouldBe(new AwsCredentials("NEWKEY", "NEWSECRET"));
    }

    [Fact]
    public async Task ResolveAsync_SharedCredentialsFile_UsesTheProfileNamedByAwsProfile()
    {
        var file = Path.Combine(_directory.Path, "credentials");
        File.WriteAllText(file, """
            [default]
            aws_access_key_id = DEFAULTKEY
            aws_secret_access_key = DEFAULTSECRET

            # the operators' profile
            [ops]
            aws_access_key_id = OPSKEY
            aws_secret_access_key = OPS/SECRET+with=equals
            aws_session_token = OPSTOKEN
            """);
        using var environment = AwsTestEnvironment.Clean(("AWS_PROFILE", "ops"));
        AwsTestEnvironment.UseCredentialsFile(file);
        using var resolver = AwsCredentialResolver.CreateDefault();

        (await ResolvedAsync(resolver)).ShouldBe(new AwsCredentials("OPSKEY", "OPS/SECRET+with=equals", "OPSTOKEN"));
    }

    [Fact]
    public async Task ResolveAsync_ProfileThatDoesNotExist_FailsNamingItNotRetryable()
    {
        var file = Path.Combine(_directory.Path, "credentials");
        File.WriteAllText(file, "[default]\naws_access_key_id = DEFAULTKEY\naws_secret_access_key = DEFAULT-SECRET-1\n");
        using var environment = AwsTestEnvironment.Clean(("AWS_PROFILE", "nosuch"));
        AwsTestEnvironment.UseCredentialsFile(file);
        using var resolver = AwsCredentialResolver.CreateDefault();

        var (credentials, failure) = await resolver.ResolveAsync(CancellationToken.None);

        credentials.ShouldBeNull();
        var result = failure.ShouldNotBeNull();
        result.Retryable.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldContain("nosuch");
        result.Error.ShouldNotContain("DEFAULT-SECRET-1");
    }

    [Fact]
    public async Task ResolveAsync_WebIdentity_AssumesTheRoleThroughSts()
    {
        await using var sts = await LoopbackReceiver.StartAsync();
        AwsCredentialEndpoints.ServeWebIdentity(sts, "ASIAWEBIDENTITY", "web/SECRET+key", "web-session-token");
        var tokenFile = Path.Combine(_directory.Path, "token");
        File.WriteAllText(tokenFile, "eyJ.oidc-token.sig");
        using var environment = AwsTestEnvironment.Clean(
            ("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile), ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/alerts"),
            ("AWS_ROLE_SESSION_NAME", "consul-alerts"), ("AWS_REGION", "eu-west-1"), ("AWS_ENDPOINT_URL_STS", sts.BaseUrl.ToString().TrimEnd('/')));
        using var resolver = AwsCredentialResolver.CreateDefault();

        (await ResolvedAsync(resolver)).ShouldBe(new AwsCredentials("ASIAWEBIDENTITY", "web/SECRET+key", "web-session-token"));
        var form = QueryHelpers.ParseQuery("?" + sts.Single().Body);
        form["Action"].ToString().ShouldBe("AssumeRoleWithWebIdentity");
        form["RoleArn"].ToString().ShouldBe("arn:aws:iam::123456789012:role/alerts");
        form["WebIdentityToken"].ToString().ShouldBe("eyJ.oidc-token.sig");
    }

    [Fact]
    public async Task ResolveAsync_ContainerEndpointDown_FailsRetryable()
    {
        using var environment = AwsTestEnvironment.Clean(("AWS_CONTAINER_CREDENTIALS_FULL_URI", LoopbackReceiver.RefusingUrl("/credentials")));
        using var resolver = AwsCredentialResolver.CreateDefault();

        var (credentials, failure) = await resolver.ResolveAsync(CancellationToken.None);

        credentials.ShouldBeNull();
        var result = failure.ShouldNotBeNull();
        result.Retryable.ShouldBeTrue();
        result.Error.ShouldNotBeNull().ShouldStartWith("AWS credentials could not be fetched");
    }
}
