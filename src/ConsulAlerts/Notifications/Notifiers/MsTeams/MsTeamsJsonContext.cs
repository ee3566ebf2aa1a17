using System.Text.Json.Serialization;

namespace ConsulAlerts.Notifications.Notifiers.MsTeams;

/// <summary>Source-generated JSON for Teams message cards: camelCase names, null fields left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MessageCard))]
internal sealed partial class MsTeamsJsonContext : JsonSerializerContext;
