using System.Text.Json;

namespace ConsulAlerts.Tests.Notifications.Testing;

/// <summary>A request a <see cref="LoopbackReceiver"/> recorded.</summary>
internal sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }
}
