using System.Globalization;

namespace ConsulAlerts.DevAgent.Events;

/// <summary>The index of <c>/v1/event/list</c>: not a Raft index but derived from the last event's ID (Consul's uuidToUint64).</summary>
internal static class EventIndex
{
    /// <summary>XOR of the first and last 16 hex digits of the UUID; 0 for an ID that is not a UUID.</summary>
    public static ulong FromId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length != 36)
        {
            return 0;
        }

        var low = string.Concat(id.AsSpan(0, 8), id.AsSpan(9, 4), id.AsSpan(14, 4));
        var high = string.Concat(id.AsSpan(19, 4), id.AsSpan(24, 12));
        return ulong.TryParse(low, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var lowValue)
            && ulong.TryParse(high, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var highValue)
            ? lowValue ^ highValue
            : 0;
    }

    /// <summary>Index of a (filtered) list: from its last event, or 1 when empty so clients never busy-loop.</summary>
    public static ulong ForList(IReadOnlyList<UserEvent> events) => events.Count == 0 ? 1 : FromId(events[^1].ID);
}
