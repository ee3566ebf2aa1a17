using System.Text.Json;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// The parts of a daemon's <c>GET /v1/status</c> the failover tests depend on, read leniently so that fields added
/// later do not break them.
/// </summary>
internal sealed record DaemonStatus(string? Role, string? SessionId, string? HolderSession, string Json)
{
    /// <summary>Checks waiting for their change-threshold (<c>checks.pending</c>), or null when the status has none.</summary>
    public int? Pending { get; init; }

    public bool IsLeader => Role == "leader";

    public bool IsStandby => Role == "standby";

    public static DaemonStatus Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        int? pending = document.RootElement.TryGetProperty("checks", out var checks) && checks.ValueKind == JsonValueKind.Object
            && checks.TryGetProperty("pending", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : null;
        if (!document.RootElement.TryGetProperty("leadership", out var leadership) || leadership.ValueKind != JsonValueKind.Object)
        {
            return new DaemonStatus(null, null, null, json) { Pending = pending };
        }

        var holder = leadership.TryGetProperty("holder", out var h) && h.ValueKind == JsonValueKind.Object ? h : default;
        return new DaemonStatus(
            Text(leadership, "role"),
            Text(leadership, "sessionId"),
            holder.ValueKind == JsonValueKind.Object ? Text(holder, "session") : null,
            json)
        { Pending = pending };
    }

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
