using System.Text;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.Tests.Testing;
using CsCheck;

namespace ConsulAlerts.Tests.Configuration;

/// <summary>
/// The KV configuration parser on generated keys (every shape it knows, and near misses) and hostile values (invalid
/// UTF-8, deep or broken JSON, lone surrogate escapes, bad regular expressions, huge numbers).
/// </summary>
public sealed class AlertsConfigParserPropertyTests
{
    private const string Prefix = "consul-alerts";
    private const string Root = "consul-alerts/config/";
    private const string SecretMarker = "s3cr3tMARK";

    private static readonly Gen<string> Id = Gen.Frequency(
        (4, Gen.OneOf("n1", "web", "serfHealth", "_", "default", "slack", "custom", "a.b", "x y")),
        (1, TextGen.Text(6).Where(t => t.Length > 0 && !t.Contains('/', StringComparison.Ordinal))));

    private static readonly Gen<string> Kind = Gen.OneOf("nodes", "services", "checks", "status", "hosts", "node", "");

    private static readonly Gen<string> NotifierKey = Gen.OneOf(
        NotifierKeys.All.SelectMany(n => n.Value.Keys.Append("enabled").Append("bogus").Select(k => $"notifiers/{n.Key}/{k}")).ToArray());

    private static readonly Gen<string> KeyPath = Gen.OneOf(
        Gen.OneOf("checks/enabled", "checks/change-threshold", "events/enabled", "events/handlers", "checks", "events", "nope", ""),
        Gen.Select(Id, Id, Id).Select((n, s, c) => $"checks/single/{n}/{s}/{c}/change-threshold"),
        Gen.Select(Gen.OneOf("check", "service", "node", "nodes"), Id).Select((k, id) => $"checks/{k}/{id}/change-threshold"),
        Kind.Select(k => $"checks/blacklist/{k}"),
        Gen.Select(Kind, Id).Select((k, id) => $"checks/blacklist/{k}/{id}"),
        Gen.Select(Id, Id, Id).Select((n, s, c) => $"checks/blacklist/single/{n}/{s}/{c}"),
        NotifierKey,
        Id.Select(name => $"notifiers/custom/{name}"),
        Id.Select(name => $"notifiers/{name}/url"),
        Id.Select(name => $"notif-profiles/{name}"),
        Kind.Select(k => $"notif-selection/{k}"),
        Gen.Select(Kind, Id).Select((k, id) => $"notif-selection/{k}/{id}"),
        Gen.Select(Id, Id).Select((a, b) => $"{a}//{b}"),
        Id.Select(id => $"checks/{id}/"));

    private static readonly Gen<string> Key = Gen.Frequency(
        (20, KeyPath.Select(path => Root + path)),
        (1, KeyPath.Select(path => "other/config/" + path)));

    // JSON as operators (and attackers) write it: well formed or not, deep, with lone surrogate escapes.
    private static readonly Gen<string> JsonText = Gen.OneOf(
        Gen.OneOf(
            "[\"/usr/local/bin/handler\"]", "[\"a\", \"\", 1, null, {}]", "[\"\\ud800\"]", "{\"\\udc00\": \"default\"}",
            "{\".*\": \"default\", \"(\": \"default\", \"web\": \"\\ud800x\"}", "{\"^web$\": \"nope\", \"x\": 5}",
            "{\"Interval\": 5, \"NotifList\": {\"log\": true, \"slack\": \"yes\", \"\\ud800\": true}, \"VarOverrides\": {\"email\": {\"receivers\": [\"a@b\"], \"port\": \"x\", \"\\udbff\": 1}, \"SLACK\": {\"url\": \"" + SecretMarker + "\"}}}",
            "{\"interval\": -1, \"notiflist\": [], \"varoverrides\": {\"custom\": {\"k\": {\"deep\": [1]}}}, \"Other\": null}",
            "{\"Interval\": 1e400, \"NotifList\": null, \"VarOverrides\": {\"pagerduty\": {\"max_retry\": \"-3\", \"service_key\": {\"a\": 1}}}}",
            "{\"Interval\": 99999999999}", "[", "{\"a\":", "\"just a string\"", "null", "true", "12", "{}", "[]",
            "{\"a\": \"{{.Node}}\"}", "{\"Authorization\": \"Bearer " + SecretMarker + "\"}"),
        Gen.Int[1, 200].Select(depth => new string('[', depth) + new string(']', depth)),
        Gen.Int[1, 60].Select(depth => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)),
        Gen.Select(Gen.OneOf("(", "[a-", "a{2,1}", "(?<n", "\\", "*", ".*", "^web$", "(a+)+$", "\\p{Nope}"), Gen.Bool)
            .Select((pattern, asMap) => asMap ? $"{{\"{pattern.Replace("\\", "\\\\", StringComparison.Ordinal)}\": \"default\"}}" : $"[\"{pattern.Replace("\\", "\\\\", StringComparison.Ordinal)}\"]"));

    private static readonly Gen<byte[]?> Value = Gen.Frequency(
        (1, Gen.Const<byte[]?>(() => null)),
        (2, Gen.OneOf("", " ", "true", "false", "T", "0", "1", "yes", "30", "-5", "99999999999999999999", "2147483648", "1.5", "\uFEFF 10", "auto", "IMPLICIT", "/bin/true")
            .Select(t => (byte[]?)TextGen.Utf8(t))),
        (3, JsonText.Select(t => (byte[]?)TextGen.Utf8(t))),
        (2, TextGen.Text(20).Select(t => (byte[]?)TextGen.Utf8(SecretMarker + t))),
        (1, Gen.Byte.Array[0, 16].Select(b => (byte[]?)b)));

    private static readonly Gen<KvPair[]> Pairs = Gen.Select(Key, Value).Array[0, 12]
        .Select(pairs => pairs.Select(p => new KvPair { Key = p.Item1, Value = p.Item2 }).ToArray());

    // A configuration with a value in most places, all valid: what the generated pairs must not disturb.
    private static readonly KvPair[] Baseline =
    [
        Pair("checks/change-threshold", "42"),
        Pair("notifiers/slack/enabled", "true"),
        Pair("notifiers/slack/url", "https://hooks.example.com/T1"),
        Pair("notifiers/custom/pager", "/usr/local/bin/pager"),
        Pair("notif-profiles/night", """{"Interval": 10, "NotifList": {"slack": true, "pager": false}}"""),
        Pair("notif-selection/services/web", "night"),
        Pair("checks/blacklist/nodes/old-node", ""),
    ];

    [Fact]
    public void Parse_AnyPairs_NeverThrowsAndEveryProblemNamesOneOfTheKeys()
    {
        Pairs.Sample(pairs =>
        {
            var config = AlertsConfigParser.Parse(pairs, Prefix, 7);

            var keys = pairs.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var error in config.Errors)
            {
                keys.ShouldContain(error.Key);
                error.Message.ShouldNotBeNullOrWhiteSpace();
            }

            config.Revision.ShouldBe(7UL);
        }, iter: 1_500);
    }

    [Fact]
    public void Parse_AnyPairs_NoProblemOfANotifierOrProfileQuotesItsValue()
    {
        // Notifier settings and profile overrides may be secrets even under the wrong key; check thresholds and
        // other plain values are quoted on purpose, shortened.
        Pairs.Sample(pairs =>
        {
            var config = AlertsConfigParser.Parse(pairs, Prefix, 1);

            foreach (var error in config.Errors.Where(e => e.Key.StartsWith(Root + "notifiers/", StringComparison.Ordinal) || e.Key.StartsWith(Root + "notif-profiles/", StringComparison.Ordinal)))
            {
                error.Message.ShouldNotContain(SecretMarker);
            }
        }, iter: 1_500);
    }

    [Fact]
    public void Parse_GoodConfigWithAnyOtherPairs_GoodPartUntouched()
    {
        var baselineKeys = Baseline.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        Pairs.Select(pairs => pairs.Where(p => !baselineKeys.Contains(p.Key) && !p.Key.StartsWith(Root + "notif-profiles/night", StringComparison.Ordinal)).ToArray())
            .Sample(noise =>
            {
                var config = AlertsConfigParser.Parse([.. noise, .. Baseline], Prefix, 1);

                foreach (var error in config.Errors)
                {
                    baselineKeys.ShouldNotContain(error.Key);
                }

                config.Checks.ChangeThreshold.ShouldBe(TimeSpan.FromSeconds(42));
                config.Notifiers["slack"].Enabled.ShouldBeTrue();
                config.Notifiers["slack"].Values["url"].ShouldBe("https://hooks.example.com/T1");
                config.CustomNotifiers["pager"].Path.ShouldBe("/usr/local/bin/pager");
                config.Profiles["night"].Interval.ShouldBe(TimeSpan.FromMinutes(10));
                config.Profiles["night"].NotifList.ShouldBe(new Dictionary<string, bool> { ["slack"] = true, ["pager"] = false });
                config.Selection.Services.Exact["web"].ShouldBe("night");
                config.Blacklist.Nodes.Exact.ShouldContain("old-node");
            }, iter: 1_000);
    }

    private static KvPair Pair(string path, string value) => new() { Key = Root + path, Value = Encoding.UTF8.GetBytes(value) };
}
