using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ConsulAlerts.Consul.Errors;

namespace ConsulAlerts.Consul.Http;

/// <summary>Decoding helpers that turn malformed bodies into a clear error naming the endpoint.</summary>
internal static class ConsulJson
{
    public static T? Read<T>(ConsulRequest request, ConsulResponse response, JsonTypeInfo<T> typeInfo)
    {
        if (response.Body.IsEmpty)
        {
            return default;
        }

        try
        {
            return JsonSerializer.Deserialize(response.Body.Span, typeInfo);
        }
        catch (JsonException ex)
        {
            throw new ConsulException(
                ConsulErrorKind.Http, request.Method.Method, "/" + request.Path, response.StatusCode,
                $"unexpected response body: {ex.Message}", isRetryable: false, ex);
        }
    }

    public static byte[] Write<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);

    /// <summary>Consul answers a literal <c>true</c> or <c>false</c> to KV writes and destroys.</summary>
    public static bool ReadBool(ConsulResponse response)
    {
        var text = System.Text.Encoding.UTF8.GetString(response.Body.Span).Trim();
        return bool.TryParse(text, out var value) && value;
    }
}
