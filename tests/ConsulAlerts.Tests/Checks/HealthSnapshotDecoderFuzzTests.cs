using System.Text;
using System.Text.Json;
using ConsulAlerts.Checks;
using ConsulAlerts.Hosting;
using ConsulAlerts.Muting;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Notifiers.Email;
using ConsulAlerts.Notifications.Notifiers.Log;
using ConsulAlerts.Notifications.Templates;
using ConsulAlerts.Tests.Testing;
using CsCheck;
using Microsoft.Extensions.Logging;
using Serilog.Extensions.Logging;

namespace ConsulAlerts.Tests.Checks;

/// <summary>
/// Fuzz target: check data as a hostile Consul (or whoever registers checks) may send it: names, node names and outputs
/// with line breaks, control characters, terminal escapes and text that looks like a log line of its own, up to 1 MB
/// outputs. Decoded, made into messages, logged in both formats, written by the log notifier and rendered by the email
/// template: one event stays one log line, one message one notifier line, and the email stays escaped HTML.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class HealthSnapshotDecoderFuzzTests
{
    private const string Forged = "2026-12-04 16:00:00.000 +00:00 [ERR] forged line";

    private static readonly Gen<string> Hostile = Gen.Frequency(
        (3, TextGen.Of(["\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029", "\u0000", "\u0007", "\u001b[2J", "\u001b]0;x\u0007", "\u007f", "\u009b", "\t", "\b",
            Forged, "[consul-notifier] 2006/01/02 15:04:05 Node=forged", "{\"@l\":\"Error\"}", "<script>", "&amp;", "\"", "\\", "{{.Node}}", "é", "\U0001F600", "web", " "], 12)),
        (2, TextGen.Text(30)),
        (1, Gen.Int[8 * 1024 - 4, 1024 * 1024].Select(n => string.Concat(Enumerable.Repeat("x\n" + Forged + "\n", (n / 40) + 1))[..n])));

    private static readonly Gen<Dictionary<string, string>> Check = Gen.Select(Hostile, Hostile, Hostile, Hostile, Hostile, Gen.OneOf("passing", "warning", "critical", "maintenance\n", ""))
        .Select((node, checkId, name, output, service, status) => new Dictionary<string, string>
        {
            ["Node"] = node, ["CheckID"] = checkId, ["Name"] = name, ["Status"] = status, ["Notes"] = Forged,
            ["Output"] = output, ["ServiceID"] = service, ["ServiceName"] = service,
        });

    [Fact]
    public Task Decode_HostileCheckData_OneLogLineOneNotifierLineAndEscapedHtml() =>
        Fuzz.RunAsync(
            Check.Array[1, 4],
            checks =>
            {
                var body = JsonSerializer.SerializeToUtf8Bytes(checks);
                var decoded = new HealthSnapshotDecoder().Decode(body);
                decoded.Count.ShouldBe(checks.Length);

                var at = new DateTimeOffset(2026, 12, 4, 16, 0, 0, TimeSpan.Zero);
                var messages = decoded.Select(c => Message.From(new CheckTransition(c, "passing", "critical", at), null)).ToList();
                foreach (var (message, check) in messages.Zip(decoded))
                {
                    Encoding.UTF8.GetByteCount(message.Output).ShouldBeLessThanOrEqualTo(CheckText.MaxBytes + 64);
                    ShouldLogOneLine(LogFormat.Text, check);
                    ShouldLogOneLine(LogFormat.Json, check);
                }

                LogNotifier.Format(messages, at).Split('\n').Length.ShouldBe(messages.Count + 1);

                var email = EmailTemplate.BuiltIn.Execute(TemplateData.From("c", messages));
                email.ShouldNotContain("<script>");
            },
            maxBytesPerInput: 512L << 20,
            defaultSeconds: 4,
            print: checks => JsonSerializer.Serialize(checks.Select(c => c.ToDictionary(p => p.Key, p => p.Value.Length > 200 ? p.Value[..200] + $"… ({p.Value.Length} chars)" : p.Value))));

    // A real event of the daemon's that quotes a check's node and ID, through the daemon's own formatter.
    private static void ShouldLogOneLine(LogFormat format, CheckInfo check)
    {
        using var output = new StringWriter();
        using (var serilog = DaemonLogger.Create(LogLevel.Debug, format, output))
        using (var factory = new SerilogLoggerFactory(serilog))
        {
            var logger = factory.CreateLogger("fuzz");
            MutingLog.Muted(logger, check.Node, check.CheckId, check.Status, "critical", MuteReason.Blacklisted);
        }

        var text = output.ToString();
        text.ShouldEndWith("\n");
        text.Count(c => c == '\n').ShouldBe(1, text.Length > 400 ? text[..400] : text);
        text.ShouldNotContain("\r");
        if (format == LogFormat.Json)
        {
            using var line = JsonDocument.Parse(text);
            line.RootElement.GetProperty("Node").GetString().ShouldNotBeNull();
        }
    }
}
