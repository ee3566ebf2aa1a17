using System.Text.Json.Serialization;

namespace ConsulAlerts.Api;

/// <summary>Source-generated JSON for <c>/v1/status</c>, in camelCase like the rest of our own API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(StatusReport))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
