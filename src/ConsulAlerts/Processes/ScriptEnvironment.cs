using ConsulAlerts.Hosting;

namespace ConsulAlerts.Processes;

/// <summary>
/// What the executables the daemon runs (custom notifiers, event handlers) inherit of its environment, and what of
/// their output may be logged. The daemon's secrets stay with it: an executable is chosen by whoever may write the
/// configuration in KV, and one such as <c>/usr/bin/env</c> would otherwise print the ACL token into the log.
/// <list type="bullet">
/// <item>Withheld from the child: <c>CONSUL_ALERTS_API_TOKEN</c> always; <c>CONSUL_HTTP_TOKEN</c>,
/// <c>CONSUL_HTTP_TOKEN_FILE</c> and <c>CONSUL_HTTP_AUTH</c> unless the operator passes them on
/// (<c>--pass-consul-token-to-scripts</c>, the Go daemon's behaviour); and any other variable holding one of the
/// withheld secrets' values.</item>
/// <item>Redacted from the output kept for the log, whatever the child did to learn them: the Consul credentials the
/// daemon sends (its token, basic-auth credentials), the token file's content at each run (a rotated token is
/// covered) and the API token.</item>
/// </list>
/// </summary>
internal sealed class ScriptEnvironment
{
    /// <summary>What stands in the output for a secret.</summary>
    public const string Redacted = "[redacted]";

    /// <summary>Shorter values are not treated as secrets: redacting them would garble ordinary output.</summary>
    private const int MinSecretLength = 4;

    private static readonly string[] ConsulVariables = ["CONSUL_HTTP_TOKEN", "CONSUL_HTTP_TOKEN_FILE", "CONSUL_HTTP_AUTH"];

    private readonly IReadOnlyList<string> _withheld;
    private readonly Func<IReadOnlyList<string>> _withheldSecrets;
    private readonly Func<IReadOnlyList<string>> _redacted;

    /// <param name="withheldVariables">Variables never passed to a child.</param>
    /// <param name="withheldSecrets">Values no child variable may carry (read at each run).</param>
    /// <param name="redactedSecrets">Values cut from what a child wrote (read at each run).</param>
    public ScriptEnvironment(
        IReadOnlyList<string> withheldVariables, Func<IReadOnlyList<string>> withheldSecrets, Func<IReadOnlyList<string>> redactedSecrets)
    {
        ArgumentNullException.ThrowIfNull(withheldVariables);
        ArgumentNullException.ThrowIfNull(withheldSecrets);
        ArgumentNullException.ThrowIfNull(redactedSecrets);
        _withheld = withheldVariables;
        _withheldSecrets = withheldSecrets;
        _redacted = redactedSecrets;
    }

    /// <summary>Passes everything on and redacts nothing (compositions without the daemon's options).</summary>
    public static ScriptEnvironment None { get; } = new([], () => [], () => []);

    /// <summary>
    /// The daemon's: the Consul credentials its client sends (<paramref name="consulSecrets"/>: token, basic-auth pair
    /// and password, the address's user info included), the token file's content as it is at each run, and the API token.
    /// </summary>
    public static ScriptEnvironment For(ConsulAlertsOptions options, IReadOnlyList<string> consulSecrets)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(consulSecrets);
        var tokenFile = options.Consul.TokenFile;
        var apiSecrets = Secrets(options.ApiToken);
        IReadOnlyList<string> ApiSecrets() => apiSecrets;
        IReadOnlyList<string> AllSecrets() => [.. consulSecrets, .. Secrets(ReadTokenFile(tokenFile)), .. apiSecrets];
        return options.PassConsulTokenToScripts
            ? new ScriptEnvironment([Cli.StartOptionsBuilder.ApiTokenVariable], ApiSecrets, AllSecrets)
            : new ScriptEnvironment([.. ConsulVariables, Cli.StartOptionsBuilder.ApiTokenVariable], AllSecrets, AllSecrets);
    }

    /// <summary>Removes from a child's environment what it must not inherit.</summary>
    public void Apply(IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var name in _withheld)
        {
            environment.Remove(name);
        }

        var secrets = _withheldSecrets();
        if (secrets.Count == 0)
        {
            return;
        }

        foreach (var (name, value) in environment.ToList())
        {
            if (value is not null && secrets.Any(s => value.Contains(s, StringComparison.Ordinal)))
            {
                environment.Remove(name);
            }
        }
    }

    /// <summary>The secrets to redact from a run's output, as they are now (one read of the token file per run).</summary>
    public IReadOnlyList<string> SecretsNow() => [.. _redacted().Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];

    /// <summary><paramref name="text"/> with every one of <paramref name="secrets"/> replaced by <see cref="Redacted"/>.</summary>
    public static string Redact(string text, IReadOnlyList<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(secrets);
        // Longest first (as SecretsNow orders them): a secret that contains another is replaced whole.
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        }

        return text;
    }

    // Read at each run, so a rotated token is covered; unreadable now, the Consul client reports that.
    private static string? ReadTokenFile(string? file)
    {
        try
        {
            return file is null ? null : File.ReadAllText(file).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static IReadOnlyList<string> Secrets(string? value) =>
        value is { Length: >= MinSecretLength } ? [value] : [];
}
