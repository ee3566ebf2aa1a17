using System.Net;
using System.Text;
using System.Text.Json;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>What the end-to-end tests do to the dev agent over its HTTP API: KV reads and writes, TTL checks, sessions.</summary>
internal sealed class AgentClient : IDisposable
{
    private readonly HttpClient _http;

    public AgentClient(Uri agentAddress) =>
        _http = new HttpClient(new StaleConnectionRetry(new SocketsHttpHandler { UseProxy = false })) { BaseAddress = agentAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Writes a KV value.</summary>
    public async Task PutAsync(string key, string value)
    {
        using var response = await _http.PutAsync(new Uri($"v1/kv/{key}", UriKind.Relative), new StringContent(value, Encoding.UTF8));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Whether a KV key exists.</summary>
    public async Task<bool> KeyExistsAsync(string key)
    {
        using var response = await _http.GetAsync(new Uri($"v1/kv/{key}", UriKind.Relative));
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>The session holding a KV key's lock, or null when the key is missing or unlocked.</summary>
    public async Task<string?> LockSessionAsync(string key)
    {
        using var response = await _http.GetAsync(new Uri($"v1/kv/{key}", UriKind.Relative));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        using var entries = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return entries.RootElement[0].TryGetProperty("Session", out var session) && session.ValueKind == JsonValueKind.String
            ? session.GetString()
            : null;
    }

    /// <summary>The keys under a prefix (empty when there are none).</summary>
    public async Task<IReadOnlyList<string>> KeysAsync(string prefix)
    {
        using var response = await _http.GetAsync(new Uri($"v1/kv/{prefix}?keys", UriKind.Relative));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        using var keys = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return keys.RootElement.EnumerateArray().Select(k => k.GetString()!).ToList();
    }

    /// <summary>A KV key's raw value, or null when missing.</summary>
    public async Task<string?> GetRawAsync(string key)
    {
        using var response = await _http.GetAsync(new Uri($"v1/kv/{key}?raw", UriKind.Relative));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Destroys a session, as an operator (or a Consul server losing the node) would.</summary>
    public async Task DestroySessionAsync(string sessionId)
    {
        using var response = await _http.PutAsync(new Uri($"v1/session/destroy/{sessionId}", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Registers a service with a TTL check on the agent, passing unless <paramref name="status"/> says otherwise.</summary>
    public async Task RegisterTtlCheckAsync(string serviceId, string checkId, string status = "passing")
    {
        string body = $$$"""{"ID":"{{{serviceId}}}","Name":"{{{serviceId}}}","Check":{"CheckID":"{{{checkId}}}","Name":"{{{CheckName(checkId)}}}","TTL":"30m","Status":"{{{status}}}"}}""";
        using var response = await _http.PutAsync(new Uri("v1/agent/service/register", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Sets a TTL check's status: <c>pass</c>, <c>warn</c> or <c>fail</c>.</summary>
    public async Task SetCheckAsync(string checkId, string verb, string note = "")
    {
        using var response = await _http.PutAsync(new Uri($"v1/agent/check/{verb}/{checkId}?note={Uri.EscapeDataString(note)}", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Registers (or updates) checks of a node in the catalog in one write, as an external monitor would: every check
    /// changes at once. Each is (check ID, status, output); its name is <see cref="CheckName"/>.
    /// </summary>
    public async Task RegisterNodeChecksAsync(string node, IEnumerable<(string CheckId, string Status, string Output)> checks)
    {
        var body = JsonSerializer.Serialize(new
        {
            Node = node,
            Address = "127.0.0.1",
            Checks = checks.Select(c => new { CheckID = c.CheckId, Name = CheckName(c.CheckId), c.Status, c.Output }).ToArray(),
        });
        using var response = await _http.PutAsync(new Uri("v1/catalog/register", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Removes a service and its checks from the agent.</summary>
    public async Task DeregisterServiceAsync(string serviceId)
    {
        using var response = await _http.PutAsync(new Uri($"v1/agent/service/deregister/{serviceId}", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Turns node maintenance mode on (with a reason) or off.</summary>
    public async Task SetNodeMaintenanceAsync(bool enable, string reason = "")
    {
        using var response = await _http.PutAsync(new Uri($"v1/agent/maintenance?enable={(enable ? "true" : "false")}&reason={Uri.EscapeDataString(reason)}", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Turns a service's maintenance mode on or off.</summary>
    public async Task SetServiceMaintenanceAsync(string serviceId, bool enable)
    {
        using var response = await _http.PutAsync(new Uri($"v1/agent/service/maintenance/{serviceId}?enable={(enable ? "true" : "false")}", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Fires a user event; returns its ID.</summary>
    public async Task<string> FireEventAsync(string name, string payload)
    {
        using var response = await _http.PutAsync(new Uri($"v1/event/fire/{name}", UriKind.Relative), new StringContent(payload, Encoding.UTF8));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("ID").GetString()!;
    }

    /// <summary>The name <see cref="RegisterTtlCheckAsync"/> gives a check, as notifiers show it.</summary>
    public static string CheckName(string checkId) => checkId + " check";

    public void Dispose() => _http.Dispose();
}
