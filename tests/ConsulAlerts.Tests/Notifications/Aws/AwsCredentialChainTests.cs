using ConsulAlerts.Notifications.Aws;
using ConsulAlerts.Tests.Notifications.Testing;

namespace ConsulAlerts.Tests.Notifications.Aws;

public sealed class AwsCredentialChainTests : IDisposable
{
    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    private static AwsCredentialChain Chain(string? home, params (string Name, string Value)[] variables)
    {
        var environment = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return new AwsCredentialChain(name => environment.GetValueOrDefault(name), home);
    }

    private string WriteCredentials(string text, string? path = null)
    {
        path ??= Path.Combine(_home.Path, ".aws", "credentials");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void TryResolve_EnvironmentKeys_WinOverTheFile()
    {
        WriteCredentials("[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = FILESECRET\n");
        var chain = Chain(_home.Path, ("AWS_ACCESS_KEY_ID", "ENVKEY"), ("AWS_SECRET_ACCESS_KEY", "ENVSECRET"), ("AWS_SESSION_TOKEN", "ENVTOKEN"));

        chain.TryResolve(out var credentials, out _).ShouldBeTrue();

        credentials.ShouldBe(new AwsCredentials("ENVKEY", "ENVSECRET", "ENVTOKEN"));
    }

    [Fact]
    public void TryResolve_OnlyKeyIdInEnvironment_FallsBackToTheFile()
    {
        WriteCredentials("[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = FILESECRET\n");

        Chain(_home.Path, ("AWS_ACCESS_KEY_ID", "ENVKEY")).TryResolve(out var credentials, out _).ShouldBeTrue();

        credentials.ShouldBe(new AwsCredentials("FILEKEY", "FILESECRET"));
    }

    [Fact]
    public void TryResolve_DefaultProfileInHomeFile_ReadsItsKeysAndToken()
    {
        WriteCredentials("""
            # comment
            [other]
            aws_access_key_id = OTHERKEY
            aws_secret_access_key = OTHERSECRET

            [default]
            ; another comment
            AWS_ACCESS_KEY_ID=FILEKEY
            aws_secret_access_key =  FILE/SECRET+with=equals
            aws_session_token = FILETOKEN
            """);

        Chain(_home.Path).TryResolve(out var credentials, out _).ShouldBeTrue();

        credentials.ShouldBe(new AwsCredentials("FILEKEY", "FILE/SECRET+with=equals", "FILETOKEN"));
    }

    [Fact]
    public void TryResolve_ProfileAndFileFromEnvironment_UsesThem()
    {
        var path = WriteCredentials("[default]\naws_access_key_id = A\naws_secret_access_key = B\n[ops]\naws_access_key_id = OPSKEY\naws_secret_access_key = OPSSECRET\n",
            Path.Combine(_home.Path, "elsewhere", "creds"));

        Chain(null, ("AWS_SHARED_CREDENTIALS_FILE", path), ("AWS_PROFILE", "ops")).TryResolve(out var credentials, out _).ShouldBeTrue();

        credentials.ShouldBe(new AwsCredentials("OPSKEY", "OPSSECRET"));
    }

    [Fact]
    public void TryResolve_NothingAnywhere_FailsNamingTheVariables()
    {
        Chain(_home.Path).TryResolve(out var credentials, out var error).ShouldBeFalse();

        credentials.ShouldBeNull();
        error.ShouldContain("AWS_ACCESS_KEY_ID");
    }

    [Fact]
    public void TryResolve_ProfileMissing_FailsNamingTheProfile()
    {
        WriteCredentials("[default]\naws_access_key_id = A\naws_secret_access_key = SECRETVALUE\n");

        Chain(_home.Path, ("AWS_PROFILE", "prod")).TryResolve(out _, out var error).ShouldBeFalse();

        error.ShouldContain("prod");
        error.ShouldNotContain("SECRETVALUE");
    }

    [Fact]
    public void TryResolve_ProfileWithoutSecret_FailsWithoutQuotingTheKeys()
    {
        WriteCredentials("[default]\naws_access_key_id = KEYVALUE\n");

        Chain(_home.Path).TryResolve(out _, out var error).ShouldBeFalse();

        error.ShouldContain("aws_secret_access_key");
        error.ShouldNotContain("KEYVALUE");
    }
}
