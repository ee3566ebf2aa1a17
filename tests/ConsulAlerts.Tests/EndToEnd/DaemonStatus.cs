using System.Text.Json;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// The parts of a daemon's <c>GET /v1/status</c> the failover tests depend on, read leniently so that fields added
/// later do not break them.
/// </summary>
internal sealed record DaemonStatus(string? Role, string? SessionId, string? HolderSession, string Json)
{
    public bool IsLeader => Role == "leader";

    public bool IsStandby => Role == "standby";

    public static DaemonStatus Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("leadership", out var leadership) || leadership.ValueKind != JsonValueKind.Object)
        {
            return new DaemonStatus(null, null, null, json);
        }

        var holder = leadership.TryGetProperty("holder", out var h) && h.ValueKind == JsonValueKind.Object ? h : default;
        return new DaemonStatus(
            Text(leadership, "role"),
            Text(leadership, "sessionId"),
            holder.ValueKind == JsonValueKind.Object ? Text(holder, "session") : null,
            json);
    }

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
