using ConsulAlerts.Configuration;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Tests.Testing;
using CsCheck;

namespace ConsulAlerts.Tests.Configuration;

/// <summary>
/// Fuzz target: every key the README documents (and every notifier setting) with random and adversarial values, among
/// them catastrophic regular expressions that the parsed blacklists and selections then run against long hostile
/// names. Parsing never throws, every problem names one of the keys given, and matching ends (a pattern out of time
/// fails closed) in bounded memory.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class AlertsConfigParserFuzzTests
{
    private const string Root = "consul-alerts/config/";

    private static readonly Gen<string> Id = Gen.Frequency(
        (4, Gen.OneOf("n1", "web", "_", "default", "log", "custom", "a.b", "x y", "..", "%2f", "\u00e9")),
        (1, TextGen.Text(12).Where(t => t.Length > 0 && !t.Contains('/', StringComparison.Ordinal))));

    private static readonly Gen<string> PatternKind = Gen.OneOf("nodes", "services", "checks", "status", "service-tags");

    private static readonly Gen<string> SelectionKind = Gen.OneOf("services", "checks", "hosts", "status", "service-tags");

    // The keys of the README's table, the notifier settings NotifierKeys knows, and each folder's single-entry keys.
    private static readonly Gen<string> DocumentedKey = Gen.OneOf(
        Gen.OneOf(
            "checks/enabled", "checks/change-threshold", "checks/maintenance-mutes", "checks/group-wait", "events/enabled",
            "events/handlers", "silences/retention", "notifiers/log/enabled", "notifiers/log/path"),
        Gen.Select(Id, Id, Id).Select((n, s, c) => $"checks/single/{n}/{s}/{c}/change-threshold"),
        Gen.Select(Gen.OneOf("check", "service", "node"), Id).Select((k, id) => $"checks/{k}/{id}/change-threshold"),
        PatternKind.Select(k => $"checks/blacklist/{k}"),
        Gen.Select(PatternKind, Id).Select((k, id) => $"checks/blacklist/{k}/{id}"),
        Gen.Select(Id, Id, Id).Select((n, s, c) => $"checks/blacklist/single/{n}/{s}/{c}"),
        Id.Select(name => $"inhibit/{name}"),
        Gen.OneOf(NotifierKeys.All.SelectMany(n => n.Value.Keys.Append("enabled").Select(k => $"notifiers/{n.Key}/{k}")).ToArray()),
        Id.Select(name => $"notifiers/custom/{name}"),
        Id.Select(name => $"notif-profiles/{name}"),
        SelectionKind.Select(k => $"notif-selection/{k}"),
        Gen.Select(SelectionKind, Id).Select((k, id) => $"notif-selection/{k}/{id}"));

    // Patterns that make a backtracking engine run for ages on the right input, and some it cannot run at all.
    private static readonly Gen<string> HostilePattern = Gen.OneOf(
        "(a+)+$", "(a|a)*$", "(a|aa)+$", "(.*a){20}$", "^(([a-z])+.)+[A-Z]([a-z])+$", "(x+x+)+y", "(?=a)(a+)+$", "(a+)+\\1$",
        "(?>a+)+b", "a{1000}{1000}", "(\\w+\\s?)*$", "[", "(?<n", "\\p{Nope}", "(?i)web", "^$", ".*", "");

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static readonly Gen<string> Adversarial = Gen.OneOf(
        Gen.OneOf(
            "", " ", "true", "false", "t", "0", "1", "-1", "60", "2s", "10m1s", "-3s", "1e400", "NaN", "99999999999999999999",
            "2562047h47m16.854775808s", "1y", "0x10", "\uFEFF30", "30\u0000", "/bin/true", "null", "{}", "[]", "[", "{\"a\":",
            "\"\\ud800\"", "{\"source\": [], \"target\": [], \"equal\": [\"node\"], \"enabled\": true}",
            "{\"source\": [{\"name\": \"check\", \"value\": \"(a+)+$\", \"isRegex\": true}], \"target\": [{}], \"equal\": [1]}",
            "{\"Interval\": 5, \"NotifList\": {\"log\": true, \"nope\": true}, \"VarOverrides\": {\"log\": {\"path\": [\"x\"]}}, \"GroupWait\": \"-1s\"}"),
        HostilePattern.Array[0, 4].Select(p => "[" + string.Join(",", p.Select(Json)) + "]"),
        Gen.Select(HostilePattern.Array[0, 4], Id).Select((p, profile) => "{" + string.Join(",", p.Select(x => Json(x) + ":" + Json(profile))) + "}"),
        Gen.Int[0, 300].Select(n => "[" + string.Join(",", Enumerable.Repeat("\"(a+)+$\"", n)) + "]"),
        Gen.Int[1, 5_000].Select(depth => new string('[', depth) + new string(']', depth)),
        Gen.Int[0, 600_000].Select(n => new string('9', n)),
        TextGen.Text(64));

    private static readonly Gen<KvPair[]> Pairs = Gen.Select(DocumentedKey, Gen.Frequency((8, Adversarial.Select(TextGen.Utf8)), (1, Gen.Byte.Array[0, 64])))
        .Select(pair => new KvPair { Key = Root + pair.Item1, Value = pair.Item2 })
        .Array[1, 24];

    // Names that make the patterns above backtrack: long runs of their letter with a mismatch at the end.
    private static readonly Gen<string> HostileName = Gen.OneOf(
        Gen.Int[1, 4_096].Select(n => new string('a', n) + "!"),
        Gen.Int[1, 2_048].Select(n => string.Concat(Enumerable.Repeat("a ", n)) + "\u0000"),
        Gen.Int[1, 4_096].Select(n => new string('x', n)),
        TextGen.Text(40));

    [Fact]
    public Task ParseThenMatch_AnyDocumentedKeysAndHostileNames_ProblemsNameTheirKeysAndMatchingEnds() =>
        Fuzz.RunAsync(
            Gen.Select(Pairs, HostileName.Array[1, 4]),
            input =>
            {
                var (pairs, names) = input;
                var config = AlertsConfigParser.Parse(pairs, "consul-alerts", 3);

                var keys = pairs.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
                foreach (var error in config.Errors)
                {
                    keys.ShouldContain(error.Key, error.Message);
                    error.Message.ShouldNotBeNullOrWhiteSpace();
                }

                foreach (var name in names)
                {
                    config.Blacklist.IsBlacklisted(name, name, name, name, [name]);
                    config.Selection.ProfileFor(name, name, name, name, [name]).ShouldNotBeNull();
                }
            },
            maxBytesPerInput: 256L << 20,
            defaultSeconds: 4,
            print: input => string.Join(" | ", input.Item1.Select(p => $"{p.Key}={Preview(p.Value)}")) + $" names: {string.Join(", ", input.Item2.Select(n => n.Length))} chars");

    [Theory]
    [InlineData("(a+)+$", true)]
    [InlineData("(a|aa)+$", true)]
    [InlineData("(?=a)(a+)+$", false)]
    [InlineData("(a+)+\\1$", false)]
    public void Parse_CatastrophicPatternOnALongName_LinearOrFailsClosed(string pattern, bool linear)
    {
        // RE2 patterns run on the linear-time engine; lookaround and backreferences on the backtracking one, where
        // this name takes far longer than its 10 ms, so the match fails closed: the name counts as blacklisted.
        var config = AlertsConfigParser.Parse([new KvPair { Key = Root + "checks/blacklist/nodes", Value = TextGen.Utf8($"[{Json(pattern)}]") }], "consul-alerts", 1);
        var name = new string('a', 4_000) + "!";

        var blacklisted = config.Blacklist.IsBlacklisted(name, "_", "c", "passing");

        config.Blacklist.Nodes.Patterns.ShouldHaveSingleItem().Linear.ShouldBe(linear);
        if (!linear)
        {
            blacklisted.ShouldBeTrue();
        }
    }

    private static string Preview(byte[]? value) =>
        value is null ? "(null)" : value.Length > 80 ? $"{System.Text.Encoding.UTF8.GetString(value, 0, 80)}… ({value.Length} bytes)" : System.Text.Encoding.UTF8.GetString(value);
}
