using System.Text.Encodings.Web;
using System.Text.Json;

namespace ConsulAlerts.DevAgent.Http;

/// <summary>Serializer contexts for answers: compact, and indented for <c>?pretty</c>. Quotes stay unescaped, as in Go.</summary>
internal static class JsonContexts
{
    public static DevAgentJsonContext Compact { get; } = new(new JsonSerializerOptions
    {
        PropertyNameCaseInsensitive = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static DevAgentJsonContext Pretty { get; } = new(new JsonSerializerOptions
    {
        PropertyNameCaseInsensitive = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
        IndentSize = 4,
    });
}
