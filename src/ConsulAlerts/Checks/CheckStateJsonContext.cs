using System.Text.Json.Serialization;
using ConsulAlerts.Compat;

namespace ConsulAlerts.Checks;

/// <summary>
/// The state JSON of the Go daemon: exact field names, Go timestamps, unknown fields (the Go daemon stores the whole
/// Consul health check) ignored, names matched case-insensitively as Go's encoding/json does.
/// </summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, Converters = [typeof(GoTimeJsonConverter)])]
[JsonSerializable(typeof(CheckState))]
internal sealed partial class CheckStateJsonContext : JsonSerializerContext;
