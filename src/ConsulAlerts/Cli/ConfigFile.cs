using System.Text.Json;
using ConsulAlerts.Configuration;

namespace ConsulAlerts.Cli;

/// <summary>
/// The <c>--config-file</c> JSON of the Go daemon: an object with any of the keys below. A null value
/// counts as absent; anything else of the wrong type, or an unknown key, is an error naming the file and key.
/// </summary>
internal sealed record ConfigFile(string Path)
{
    public static readonly IReadOnlyList<string> StringKeys =
        ["log-level", "log-format", "consul-acl-token", "consul-addr", "consul-dc", "alert-addr", "kv-prefix", "api-token", "datacenters"];

    public static readonly IReadOnlyList<string> BoolKeys = ["watch-checks", "watch-events", "consul-ignore-cert", "pass-consul-token-to-scripts"];

    public static readonly IReadOnlyList<string> DurationKeys = ["leader-ttl", "leader-check-ttl", "leader-lock-delay"];

    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public string? LogLevel { get; init; }

    public string? LogFormat { get; init; }

    public string? ConsulAclToken { get; init; }

    public string? ConsulAddr { get; init; }

    public string? ConsulDc { get; init; }

    public string? AlertAddr { get; init; }

    /// <summary><c>dc1,dc2</c> or <c>all</c>.</summary>
    public string? Datacenters { get; init; }

    public string? KvPrefix { get; init; }

    /// <summary>The API's bearer token; never echoed in an error.</summary>
    public string? ApiToken { get; init; }

    public bool? WatchChecks { get; init; }

    public bool? WatchEvents { get; init; }

    public bool? ConsulIgnoreCert { get; init; }

    public bool? PassConsulTokenToScripts { get; init; }

    /// <summary>Duration text (<c>"15s"</c>) or, from a JSON number, its digits meaning seconds; checked by the builder.</summary>
    public string? LeaderTtl { get; init; }

    /// <summary>As <see cref="LeaderTtl"/>.</summary>
    public string? LeaderCheckTtl { get; init; }

    /// <summary>As <see cref="LeaderTtl"/>.</summary>
    public string? LeaderLockDelay { get; init; }

    /// <summary>Only the path: the record holds the ACL and API tokens, which must never reach a log.</summary>
    public override string ToString() => $"ConfigFile {{ Path = {Path} }}";

    /// <summary>Reads and checks the file.</summary>
    /// <exception cref="CommandLineException">Unreadable (exit 66) or invalid (exit 78).</exception>
    public static ConfigFile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CommandLineException($"cannot read config file '{path}': {ex.Message}", ExitCodes.NoInput);
        }

        return Parse(path, text);
    }

    public static ConfigFile Parse(string path, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, ParseOptions);
        }
        catch (JsonException ex)
        {
            throw Invalid(path, $"not valid JSON: {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(path, $"expected a JSON object, found {ConfigValueReader.Describe(document.RootElement.ValueKind)}");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            var file = new ConfigFile(path);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    throw Invalid(path, $"key '{property.Name}' appears more than once");
                }

                file = file.With(property);
            }

            return file;
        }
    }

    private ConfigFile With(JsonProperty property) => property.Name switch
    {
        "log-level" => this with { LogLevel = StringValue(property) },
        "log-format" => this with { LogFormat = StringValue(property) },
        "consul-acl-token" => this with { ConsulAclToken = StringValue(property) },
        "consul-addr" => this with { ConsulAddr = StringValue(property) },
        "consul-dc" => this with { ConsulDc = StringValue(property) },
        "alert-addr" => this with { AlertAddr = StringValue(property) },
        "kv-prefix" => this with { KvPrefix = StringValue(property) },
        "api-token" => this with { ApiToken = StringValue(property) },
        "datacenters" => this with { Datacenters = StringValue(property) },
        "watch-checks" => this with { WatchChecks = BoolValue(property) },
        "watch-events" => this with { WatchEvents = BoolValue(property) },
        "consul-ignore-cert" => this with { ConsulIgnoreCert = BoolValue(property) },
        "pass-consul-token-to-scripts" => this with { PassConsulTokenToScripts = BoolValue(property) },
        "leader-ttl" => this with { LeaderTtl = DurationValue(property) },
        "leader-check-ttl" => this with { LeaderCheckTtl = DurationValue(property) },
        "leader-lock-delay" => this with { LeaderLockDelay = DurationValue(property) },
        _ => throw Invalid(
            Path, $"unknown key '{property.Name}' (known keys: {string.Join(", ", StringKeys.Concat(BoolKeys).Concat(DurationKeys))})"),
    };

    // Type errors never echo the value: it may be the ACL token.
    private string? StringValue(JsonProperty property) => property.Value.ValueKind switch
    {
        JsonValueKind.String => property.Value.GetString(),
        JsonValueKind.Null => null,
        var kind => throw Invalid(Path, $"'{property.Name}' must be a string, not {ConfigValueReader.Describe(kind)}"),
    };

    private bool? BoolValue(JsonProperty property) => property.Value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        var kind => throw Invalid(Path, $"'{property.Name}' must be true or false, not {ConfigValueReader.Describe(kind)}"),
    };

    // A number keeps its JSON text so the builder reads "15" the same from the file as from the command line.
    private string? DurationValue(JsonProperty property) => property.Value.ValueKind switch
    {
        JsonValueKind.String => property.Value.GetString(),
        JsonValueKind.Number => property.Value.GetRawText(),
        JsonValueKind.Null => null,
        var kind => throw Invalid(
            Path, $"'{property.Name}' must be a duration string such as \"15s\" or a number of seconds, not {ConfigValueReader.Describe(kind)}"),
    };

    private static CommandLineException Invalid(string path, string reason) =>
        new($"config file '{path}': {reason}", ExitCodes.Config);
}
