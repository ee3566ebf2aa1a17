using System.Globalization;

namespace ConsulAlerts.ContractTests.Infrastructure;

/// <summary>How <c>/v1/event/list</c> derives its X-Consul-Index from the last event's ID.</summary>
public static class EventIndex
{
    /// <summary>XOR of the first and last 16 hex digits of the UUID (dashes removed).</summary>
    public static ulong FromId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var hex = id.Replace("-", string.Empty, StringComparison.Ordinal);
        if (hex.Length != 32)
        {
            throw new FormatException($"Not a UUID: {id}");
        }

        var first = ulong.Parse(hex[..16], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        var last = ulong.Parse(hex[16..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        return first ^ last;
    }
}
