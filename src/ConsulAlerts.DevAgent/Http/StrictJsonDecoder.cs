using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace ConsulAlerts.DevAgent.Http;

/// <summary>
/// Decodes request bodies the way Consul's agent does with Go's <c>encoding/json</c>: field names match
/// case-insensitively, the snake_case names Consul translates are accepted, a value of the wrong JSON kind is refused
/// with Go's wording, and (where Consul disallows them) an unknown field is a 400 <c>json: unknown field "X"</c>.
/// Written by hand because System.Text.Json reports none of this in Go's terms.
/// </summary>
internal static class StrictJsonDecoder
{
    /// <summary>The snake_case keys Consul's <c>lib.TranslateKeys</c> maps onto the agent's check and service fields.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["service_id"] = "ServiceID",
        ["script_args"] = "Args",
        ["ScriptArgs"] = "Args",
        ["tls_skip_verify"] = "TLSSkipVerify",
        ["tls_server_name"] = "TLSServerName",
        ["docker_container_id"] = "DockerContainerID",
        ["grpc_use_tls"] = "GRPCUseTLS",
        ["deregister_critical_service_after"] = "DeregisterCriticalServiceAfter",
        ["success_before_passing"] = "SuccessBeforePassing",
        ["failures_before_critical"] = "FailuresBeforeCritical",
        ["output_max_size"] = "OutputMaxSize",
        ["alias_node"] = "AliasNode",
        ["alias_service"] = "AliasService",
        ["enable_tag_override"] = "EnableTagOverride",
        ["tagged_addresses"] = "TaggedAddresses",
    };

    private static readonly System.Buffers.SearchValues<char> Base64Alphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");

    /// <summary>
    /// Decodes <paramref name="body"/> into <typeparamref name="T"/>; errors are 400s starting with
    /// <paramref name="prefix"/> (<c>Request decode failed</c> on agent endpoints, <c>Failed to parse body</c> on txn).
    /// </summary>
    /// <param name="body">The request body.</param>
    /// <param name="prefix">What every error starts with.</param>
    /// <param name="goType">The Go type named when the top-level value has the wrong kind.</param>
    /// <param name="disallowUnknown">Whether an unknown field is an error (agent, catalog, txn) or ignored (sessions).</param>
    public static T Decode<T>(byte[] body, string prefix, string goType, bool disallowUnknown)
        where T : class
    {
        if (body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new ConsulHttpException(400, $"{prefix}: EOF");
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new ConsulHttpException(400, $"{prefix}: {SyntaxError(ex, body)}");
        }

        var info = (JsonTypeInfo<T>)DevAgentJsonContext.Default.GetTypeInfo(typeof(T))!;
        try
        {
            node = Normalize(node, info, disallowUnknown, null);
            return node.Deserialize(info) ?? throw new DecodeException($"json: cannot unmarshal null into Go value of type {goType}");
        }
        catch (DecodeException ex)
        {
            var message = ex.Message.Replace("{top}", goType, StringComparison.Ordinal);
            throw new ConsulHttpException(400, $"{prefix}: {message}");
        }
        catch (JsonException ex)
        {
            throw new ConsulHttpException(400, $"{prefix}: json: cannot unmarshal {ex.Path ?? "value"} into Go value of type {goType}");
        }
    }

    private static JsonNode? Normalize(JsonNode? node, JsonTypeInfo info, bool disallowUnknown, string? field)
    {
        if (node is null)
        {
            return null;
        }

        if (info.Type == typeof(byte[]))
        {
            return CheckBase64(node);
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when node is JsonObject obj:
                return NormalizeObject(obj, info, disallowUnknown);
            case JsonTypeInfoKind.Object:
                throw Mismatch(node, field, info.Type);
            case JsonTypeInfoKind.Enumerable when node is JsonArray array:
                if (info.ElementType is { } elementType && elementType != typeof(byte))
                {
                    var elementInfo = info.Options.GetTypeInfo(elementType);
                    for (var i = 0; i < array.Count; i++)
                    {
                        var item = array[i];
                        array[i] = null;
                        array[i] = Normalize(item, elementInfo, disallowUnknown, field);
                    }
                }

                return array;
            case JsonTypeInfoKind.Enumerable:
                throw Mismatch(node, field, info.Type);
            case JsonTypeInfoKind.Dictionary when node is not JsonObject:
                throw Mismatch(node, field, info.Type);
            case JsonTypeInfoKind.None:
                CheckScalar(node, field, info.Type);
                return node;
            default:
                return node;
        }
    }

    private static JsonObject NormalizeObject(JsonObject obj, JsonTypeInfo info, bool disallowUnknown)
    {
        var properties = info.Properties.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var entries = obj.ToList();
        obj.Clear();
        foreach (var (name, value) in entries)
        {
            if (!properties.TryGetValue(name, out var property)
                && !(Aliases.TryGetValue(name, out var canonical) && properties.TryGetValue(canonical, out property)))
            {
                if (disallowUnknown)
                {
                    throw new DecodeException($"json: unknown field \"{name}\"");
                }

                continue;
            }

            obj[property.Name] = Normalize(value, info.Options.GetTypeInfo(property.PropertyType), disallowUnknown, property.Name);
        }

        return obj;
    }

    private static void CheckScalar(JsonNode node, string? field, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(JsonElement))
        {
            return;
        }

        var kind = node.GetValueKind();
        var fits = target == typeof(string) ? kind == JsonValueKind.String
            : target == typeof(bool) ? kind is JsonValueKind.True or JsonValueKind.False
            : target.IsPrimitive || target == typeof(decimal) ? kind == JsonValueKind.Number
            : true;
        if (!fits)
        {
            throw Mismatch(node, field, type);
        }
    }

    private static JsonNode CheckBase64(JsonNode node)
    {
        if (node.GetValueKind() != JsonValueKind.String)
        {
            throw Mismatch(node, null, typeof(byte[]));
        }

        // Go names the first byte it could not decode; unlike .NET it allows no whitespace.
        var text = node.GetValue<string>();
        var bad = text.AsSpan().IndexOfAnyExcept(Base64Alphabet);
        if (bad < 0 && Convert.TryFromBase64String(text, new byte[text.Length], out _))
        {
            return node;
        }

        throw new DecodeException($"illegal base64 data at input byte {(bad < 0 ? text.Length : bad)}");
    }

    private static DecodeException Mismatch(JsonNode node, string? field, Type type)
    {
        var kind = node.GetValueKind() switch
        {
            JsonValueKind.Object => "object",
            JsonValueKind.Array => "array",
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "bool",
            _ => "null",
        };
        return new DecodeException(field is null
            ? $"json: cannot unmarshal {kind} into Go value of type {{top}}"
            : $"json: cannot unmarshal {kind} into Go struct field .{field} of type {GoTypeName(type)}");
    }

    private static string GoTypeName(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target == typeof(string) ? "string"
            : target == typeof(int) ? "int"
            : target == typeof(long) ? "int64"
            : target == typeof(ulong) ? "uint64"
            : target == typeof(bool) ? "bool"
            : target == typeof(byte[]) ? "[]uint8"
            : target == typeof(string[]) || target == typeof(List<string>) ? "[]string"
            : target == typeof(Dictionary<string, string>) ? "map[string]string"
            : "struct";
    }

    private static string SyntaxError(JsonException ex, byte[] body)
    {
        var position = ex.BytePositionInLine ?? long.MaxValue;
        var trimmed = body.AsSpan().TrimEnd(" \t\r\n"u8);
        return position >= trimmed.Length || ex.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
            ? "unexpected EOF"
            : $"invalid character '{(char)trimmed[(int)position]}' looking for beginning of value";
    }

    /// <summary>A decode error in Go's words, before the endpoint's prefix is added.</summary>
    private sealed class DecodeException(string message) : Exception(message);
}
