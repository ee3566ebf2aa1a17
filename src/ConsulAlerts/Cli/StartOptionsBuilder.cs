using System.Globalization;
using ConsulAlerts.Compat;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Datacenters;
using ConsulAlerts.Hosting;

namespace ConsulAlerts.Cli;

/// <summary>
/// Resolves the <c>start</c> settings, per setting: explicit option &gt; config file &gt; environment (if any) &gt; default,
/// and validates them. An error names where the bad value came from and exits 64 for an option,
/// 78 for the config file or environment, 66 for a file that cannot be read.
/// </summary>
internal static class StartOptionsBuilder
{
    public const string DefaultAlertAddress = "localhost:9000";
    public const string DefaultConsulAddress = "localhost:8500";
    public const string DefaultDatacenter = "dc1";
    public const string DefaultKvPrefix = "consul-alerts";
    public const string DefaultLeaderTtl = "10s";
    public const string DefaultLeaderCheckTtl = "4s";
    public const string DefaultLeaderLockDelay = "1s";

    /// <summary>Environment variable of the API token, read by <c>start</c> and <c>watch</c>.</summary>
    public const string ApiTokenVariable = "CONSUL_ALERTS_API_TOKEN";

    // Consul rejects a session TTL outside 10s..24h and caps the lock-delay at 60s.
    private static readonly TimeSpan MinLeaderTtl = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxLeaderTtl = TimeSpan.FromHours(24);
    private static readonly TimeSpan MaxLeaderLockDelay = TimeSpan.FromSeconds(60);

    // Below 2 s a pass every quarter TTL (500 ms) leaves too little room for a busy machine; above an hour, the check helps nobody.
    private static readonly TimeSpan MinLeaderCheckTtl = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxLeaderCheckTtl = TimeSpan.FromHours(1);

    // Clamp for bare numbers, far beyond every range checked, so a huge number reads as out of range, not as unreadable.
    private const double MaxBareSeconds = 1e9;

    public static ConsulAlertsOptions Build(ParsedArguments arguments, IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);

        var file = arguments.Get("config-file") is { } path
            ? ConfigFile.Load(path.Length == 0 ? throw new CommandLineException("--config-file needs a file name") : path)
            : null;

        var logLevel = Pick(arguments, "log-level", file, file?.LogLevel, environment, null, "warn");
        if (!LogLevelNames.TryParse(logLevel.Value, out var level))
        {
            throw logLevel.Origin.Invalid(logLevel.Value, $"expected {LogLevelNames.Expected}");
        }

        var logFormat = Pick(arguments, "log-format", file, file?.LogFormat, environment, null, "text");
        if (!LogFormatNames.TryParse(logFormat.Value, out var format))
        {
            throw logFormat.Origin.Invalid(logFormat.Value, $"expected {LogFormatNames.Expected}");
        }

        var alertAddress = Pick(arguments, "alert-addr", file, file?.AlertAddr, environment, null, DefaultAlertAddress);
        if (!ListenAddress.TryParse(alertAddress.Value, out var listen, out var alertError, allowAnyPort: true))
        {
            throw alertAddress.Origin.Invalid(alertAddress.Value, alertError);
        }

        var kvPrefix = Pick(arguments, "kv-prefix", file, file?.KvPrefix, environment, null, DefaultKvPrefix);
        string prefix = kvPrefix.Value.Trim().Trim('/');
        if (prefix.Length == 0 || prefix.Any(char.IsWhiteSpace))
        {
            throw kvPrefix.Origin.Invalid(kvPrefix.Value, "expected a non-empty KV path without spaces, e.g. consul-alerts");
        }

        var leaderTtl = PickDuration(
            arguments, "leader-ttl", file, file?.LeaderTtl, environment, DefaultLeaderTtl,
            MinLeaderTtl, MaxLeaderTtl, "from 10s to 24h (Consul's session TTL range)");
        var leaderCheckTtl = PickDuration(
            arguments, "leader-check-ttl", file, file?.LeaderCheckTtl, environment, DefaultLeaderCheckTtl,
            TimeSpan.Zero, MaxLeaderCheckTtl, "0s (no leader check) or from 2s to 1h", minNonZero: MinLeaderCheckTtl);

        var leaderLockDelay = PickDuration(
            arguments, "leader-lock-delay", file, file?.LeaderLockDelay, environment, DefaultLeaderLockDelay,
            TimeSpan.Zero, MaxLeaderLockDelay, "from 0s to 60s (Consul's limit)");

        var datacenters = Pick(arguments, "datacenters", file, file?.Datacenters, environment, null, "");
        var selection = DatacenterSelection.Parse(datacenters.Value, out var datacentersError)
            ?? throw datacenters.Origin.Invalid(datacenters.Value, datacentersError!);

        var apiToken = Pick(arguments, "api-token", file, file?.ApiToken, environment, ApiTokenVariable, "");
        if (ApiTokenError(apiToken.Value) is { } tokenError)
        {
            // Never echo the value: it is a secret.
            throw new CommandLineException($"invalid {apiToken.Origin.Label}: {tokenError}", apiToken.Origin.ExitCode);
        }

        return new ConsulAlertsOptions
        {
            AlertAddress = listen.ToString(),
            LogLevel = level,
            LogFormat = format,
            KvPrefix = prefix,
            Consul = BuildConsul(arguments, file, environment),
            LeaderTtl = leaderTtl,
            LeaderCheckTtl = leaderCheckTtl,
            LeaderLockDelay = leaderLockDelay,
            WatchChecks = arguments.Has("watch-checks") || (file?.WatchChecks ?? false),
            WatchEvents = arguments.Has("watch-events") || (file?.WatchEvents ?? false),
            PassConsulTokenToScripts = arguments.Has("pass-consul-token-to-scripts") || (file?.PassConsulTokenToScripts ?? false),
            ApiToken = apiToken.Value.Length == 0 ? null : apiToken.Value,
            Datacenters = selection,
        };
    }

    private static ConsulClientOptions BuildConsul(ParsedArguments arguments, ConfigFile? file, IEnvironmentVariables environment)
    {
        var address = Pick(arguments, "consul-addr", file, file?.ConsulAddr, environment, "CONSUL_HTTP_ADDR", DefaultConsulAddress);
        if (ConsulAddressError(address.Value.Trim()) is { } addressError)
        {
            throw address.Origin.Invalid(address.Value, addressError);
        }

        var datacenter = Pick(arguments, "consul-dc", file, file?.ConsulDc, environment, null, DefaultDatacenter);
        string? dc = datacenter.Value.Trim();
        if (dc.Any(c => char.IsWhiteSpace(c) || c is '/' or '?' or '&' or '#'))
        {
            throw datacenter.Origin.Invalid(datacenter.Value, "a datacenter name has no spaces or URL characters");
        }

        var (token, tokenFile) = ResolveToken(arguments, file, environment);

        bool useTls = EnvBool(environment, "CONSUL_HTTP_SSL") ?? false;
        bool verifyTls = ResolveVerifyTls(arguments, file, environment);

        string? caFile = EnvFile(environment, "CONSUL_CACERT");
        string? clientCert = EnvFile(environment, "CONSUL_CLIENT_CERT");
        string? clientKey = EnvFile(environment, "CONSUL_CLIENT_KEY");
        if ((clientCert is null) != (clientKey is null))
        {
            throw new CommandLineException(
                $"{(clientCert is null ? "CONSUL_CLIENT_KEY" : "CONSUL_CLIENT_CERT")} is set but {(clientCert is null ? "CONSUL_CLIENT_CERT" : "CONSUL_CLIENT_KEY")} is not: set both or neither",
                ExitCodes.Config);
        }

        return new ConsulClientOptions
        {
            Address = address.Value.Trim(),
            Datacenter = dc.Length == 0 ? null : dc,
            Token = token,
            TokenFile = tokenFile,
            UseTls = useTls,
            VerifyTls = verifyTls,
            CaFile = caFile,
            ClientCertFile = clientCert,
            ClientKeyFile = clientKey,
            TlsServerName = Env(environment, "CONSUL_TLS_SERVER_NAME"),
            HttpAuth = Env(environment, "CONSUL_HTTP_AUTH"),
        };
    }

    // An explicit token (option or file, even empty) replaces both environment variables;
    // otherwise CONSUL_HTTP_TOKEN_FILE wins over CONSUL_HTTP_TOKEN, as in Consul's own tools.
    private static (string? Token, string? TokenFile) ResolveToken(ParsedArguments arguments, ConfigFile? file, IEnvironmentVariables environment)
    {
        string? explicitToken = arguments.Get("consul-acl-token") ?? file?.ConsulAclToken;
        if (explicitToken is not null)
        {
            return (explicitToken.Length == 0 ? null : explicitToken, null);
        }

        if (EnvFile(environment, "CONSUL_HTTP_TOKEN_FILE") is { } tokenFile)
        {
            return (null, tokenFile);
        }

        return (Env(environment, "CONSUL_HTTP_TOKEN"), null);
    }

    private static bool ResolveVerifyTls(ParsedArguments arguments, ConfigFile? file, IEnvironmentVariables environment)
    {
        if (arguments.Get("consul-ignore-cert") is { } ignoreText)
        {
            return GoBool.TryParse(ignoreText.Trim(), out var ignore)
                ? !ignore.Value
                : throw new CommandLineException($"invalid --consul-ignore-cert '{ignoreText}': expected true or false");
        }

        if (file?.ConsulIgnoreCert is { } fileIgnore)
        {
            return !fileIgnore;
        }

        return EnvBool(environment, "CONSUL_HTTP_SSL_VERIFY") ?? true;
    }

    private static (string Value, SettingOrigin Origin) Pick(
        ParsedArguments arguments, string option, ConfigFile? file, string? fileValue,
        IEnvironmentVariables environment, string? variable, string defaultValue)
    {
        if (arguments.Get(option) is { } flagValue)
        {
            return (flagValue, new SettingOrigin($"--{option}", ExitCodes.Usage));
        }

        if (file is not null && fileValue is not null)
        {
            return (fileValue, new SettingOrigin($"'{option}' in config file '{file.Path}'", ExitCodes.Config));
        }

        if (variable is not null && Env(environment, variable) is { } envValue)
        {
            return (envValue, new SettingOrigin(variable, ExitCodes.Config));
        }

        return (defaultValue, new SettingOrigin($"default --{option}", ExitCodes.Software));
    }

    private static TimeSpan PickDuration(
        ParsedArguments arguments, string option, ConfigFile? file, string? fileValue, IEnvironmentVariables environment,
        string defaultValue, TimeSpan min, TimeSpan max, string range, TimeSpan? minNonZero = null)
    {
        var setting = Pick(arguments, option, file, fileValue, environment, null, defaultValue);
        if (!TryParseDuration(setting.Value, out var value))
        {
            throw setting.Origin.Invalid(setting.Value, "expected a duration such as 15s, 1m30s or 500ms, or a number of seconds");
        }

        var inRange = value >= min && value <= max && !(minNonZero is { } floor && value > TimeSpan.Zero && value < floor);
        return inRange ? value : throw setting.Origin.Invalid(setting.Value, $"must be {range}");
    }

    /// <summary>Go duration text (<c>"1m30s"</c>) or a bare number of seconds (<c>"15"</c>), as a config file's JSON number arrives.</summary>
    private static bool TryParseDuration(string text, out TimeSpan value)
    {
        string trimmed = text.Trim();
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
        {
            // double.TryParse also reads "NaN" and "Infinity", which are no durations.
            bool finite = double.IsFinite(seconds);
            value = finite ? TimeSpan.FromSeconds(Math.Clamp(seconds, -MaxBareSeconds, MaxBareSeconds)) : TimeSpan.Zero;
            return finite;
        }

        return GoDuration.TryParse(trimmed, out value);
    }

    // Go's os.Getenv cannot tell unset from empty, and the Consul tools treat both as unset.
    private static string? Env(IEnvironmentVariables environment, string name) =>
        environment.Get(name) is { Length: > 0 } value ? value : null;

    private static bool? EnvBool(IEnvironmentVariables environment, string name)
    {
        if (Env(environment, name) is not { } text)
        {
            return null;
        }

        return GoBool.TryParse(text.Trim(), out var value)
            ? value
            : throw new CommandLineException(
                $"invalid {name} '{text}': expected a boolean (1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False)",
                ExitCodes.Config);
    }

    // A file named by the environment must exist now, so a typo fails at start rather than at the first request.
    private static string? EnvFile(IEnvironmentVariables environment, string name)
    {
        if (Env(environment, name) is not { } path)
        {
            return null;
        }

        return File.Exists(path)
            ? path
            : throw new CommandLineException($"{name} names '{path}', which is not a readable file", ExitCodes.NoInput);
    }

    /// <summary>
    /// Null when <paramref name="token"/> can travel in an <c>Authorization: Bearer</c> header: visible ASCII without
    /// spaces (empty means no token). Shared with <c>watch</c>, which sends it.
    /// </summary>
    public static string? ApiTokenError(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.All(c => c is > ' ' and < '\u007f') ? null : "an API token is visible ASCII without spaces or control characters";
    }

    /// <summary>Null when the address is one the Consul client accepts: host:port, http://, https:// or unix:///path.</summary>
    private static string? ConsulAddressError(string address)
    {
        if (address.Length == 0)
        {
            return "expected host:port, http://host:port, https://host:port or unix:///path";
        }

        if (address.StartsWith("unix://", StringComparison.OrdinalIgnoreCase))
        {
            return address.Length > "unix://".Length ? null : "expected unix:///path/to/consul.sock";
        }

        int schemeEnd = address.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            string scheme = address[..schemeEnd];
            if (!scheme.Equals("http", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
            {
                return $"unsupported scheme '{scheme}' (use http, https or unix)";
            }
        }

        string url = schemeEnd >= 0 ? address : "http://" + address;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return "expected host:port, http://host:port, https://host:port or unix:///path";
        }

        if (uri.Port is < 1 or > 65535)
        {
            return "port must be from 1 to 65535";
        }

        return uri.Query.Length > 0 || uri.Fragment.Length > 0 ? "an address has no query or fragment" : null;
    }
}
