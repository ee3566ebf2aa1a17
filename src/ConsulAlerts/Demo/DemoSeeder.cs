using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ConsulAlerts.Consul;

namespace ConsulAlerts.Demo;

/// <summary>
/// Registers the demo services and their TTL checks on a Consul agent, sets their statuses, and writes the demo
/// configuration to KV. Uses only agent endpoints a real Consul has too.
/// </summary>
internal sealed class DemoSeeder(HttpClient http, ConsulClient consul)
{
    // Long enough that a missed refresh does not flip a check to critical; the flapper refreshes far more often.
    public const string CheckTtl = "5m";

    public async Task WriteConfigurationAsync(string kvPrefix, string notificationLogPath, CancellationToken cancellationToken)
    {
        string root = Configuration.AlertsConfigParser.ConfigRoot(kvPrefix);
        foreach (var (key, value) in DemoSetup.Configuration(notificationLogPath))
        {
            await consul.Kv.PutAsync(root + key, Encoding.UTF8.GetBytes(value), cancellationToken: cancellationToken);
        }
    }

    public async Task RegisterAsync(DemoCheck check, string status, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("ID", check.ServiceId);
            json.WriteString("Name", check.ServiceId);
            json.WriteStartArray("Tags");
            json.WriteStringValue("demo");
            json.WriteEndArray();
            json.WriteStartObject("Check");
            json.WriteString("CheckID", check.CheckId);
            json.WriteString("Name", check.CheckName);
            json.WriteString("TTL", CheckTtl);
            json.WriteString("Status", status);
            json.WriteString("Notes", "consul-alerts dev demo: flaps on a schedule");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        using var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await http.PutAsync(new Uri("v1/agent/service/register", UriKind.Relative), content, cancellationToken);
        response.EnsureSuccessStatusCode();
        await SetStatusAsync(check, status, cancellationToken);
    }

    /// <summary>Sets a TTL check's status and output (and so refreshes its TTL).</summary>
    public async Task SetStatusAsync(DemoCheck check, string status, CancellationToken cancellationToken)
    {
        using var content = JsonContent.Create(
            new Dictionary<string, string> { ["Status"] = status, ["Output"] = check.OutputFor(status) },
            DemoJsonContext.Default.DictionaryStringString);
        using var response = await http.PutAsync(
            new Uri($"v1/agent/check/update/{Uri.EscapeDataString(check.CheckId)}", UriKind.Relative), content, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
