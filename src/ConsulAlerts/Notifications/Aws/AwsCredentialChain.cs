using System.Diagnostics.CodeAnalysis;

namespace ConsulAlerts.Notifications.Aws;

/// <summary>
/// Finds AWS credentials the way the AWS SDKs start: the environment (<c>AWS_ACCESS_KEY_ID</c>,
/// <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c>), then the shared credentials file
/// (<c>AWS_SHARED_CREDENTIALS_FILE</c> or <c>~/.aws/credentials</c>), profile <c>AWS_PROFILE</c> or <c>default</c>.
/// Looked up at every call, so rotated keys are picked up. The environment is passed in, so tests need not change the
/// process's own. Errors name variables, files and profiles, never a key.
/// </summary>
/// <param name="environment">Reads an environment variable (null when unset).</param>
/// <param name="homeDirectory">The user's home directory, for <c>~/.aws/credentials</c>; null when unknown.</param>
internal sealed class AwsCredentialChain(Func<string, string?> environment, string? homeDirectory)
{
    public const string DefaultProfile = "default";

    /// <summary>The chain over this process's environment and home directory.</summary>
    public static AwsCredentialChain FromProcess() =>
        new(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>An environment variable, or null when unset or blank.</summary>
    public string? Variable(string name)
    {
        var value = environment(name)?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>The first credentials found, or why there are none.</summary>
    public bool TryResolve([NotNullWhen(true)] out AwsCredentials? credentials, [NotNullWhen(false)] out string? error)
    {
        if (Variable("AWS_ACCESS_KEY_ID") is { } keyId && Variable("AWS_SECRET_ACCESS_KEY") is { } secret)
        {
            credentials = new AwsCredentials(keyId, secret, Variable("AWS_SESSION_TOKEN"));
            error = null;
            return true;
        }

        var profile = Variable("AWS_PROFILE") ?? DefaultProfile;
        var path = Variable("AWS_SHARED_CREDENTIALS_FILE")
            ?? (string.IsNullOrEmpty(homeDirectory) ? null : Path.Combine(homeDirectory, ".aws", "credentials"));
        credentials = null;
        if (path is null || !File.Exists(path))
        {
            error = "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or write a shared credentials file";
            return false;
        }

        Dictionary<string, Dictionary<string, string>> profiles;
        try
        {
            profiles = ParseIni(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"AWS shared credentials file {path} cannot be read: {ex.GetType().Name}";
            return false;
        }

        if (!profiles.TryGetValue(profile, out var values))
        {
            error = $"AWS shared credentials file {path} has no profile {profile}";
            return false;
        }

        if (!values.TryGetValue("aws_access_key_id", out var fileKeyId) || fileKeyId.Length == 0
            || !values.TryGetValue("aws_secret_access_key", out var fileSecret) || fileSecret.Length == 0)
        {
            error = $"profile {profile} of AWS shared credentials file {path} lacks aws_access_key_id or aws_secret_access_key";
            return false;
        }

        var fileToken = values.TryGetValue("aws_session_token", out var t) && t.Length > 0 ? t : null;
        credentials = new AwsCredentials(fileKeyId, fileSecret, fileToken);
        error = null;
        return true;
    }

    /// <summary>
    /// The sections of an INI file (the credentials file format): <c>[name]</c> headers, <c>key = value</c> lines, <c>#</c> and
    /// <c>;</c> comment lines. Key names are case-insensitive; a repeated section or key keeps the last value.
    /// </summary>
    internal static Dictionary<string, Dictionary<string, string>> ParseIni(string text)
    {
        var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        Dictionary<string, string>? current = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                var name = line[1..^1].Trim();
                if (!sections.TryGetValue(name, out current))
                {
                    sections[name] = current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                }

                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (current is not null && equals > 0)
            {
                current[line[..equals].Trim()] = line[(equals + 1)..].Trim();
            }
        }

        return sections;
    }
}
