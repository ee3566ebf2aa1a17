using System.Text.Json.Serialization;

namespace ConsulAlerts.Notifications.Notifiers.ILert;

/// <summary>Source-generated JSON for iLert events: camelCase names.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ILertEvent))]
internal sealed partial class ILertJsonContext : JsonSerializerContext;
