using System.Text.Json.Serialization;

namespace ConsulAlerts.Notifications.Notifiers.Mattermost;

/// <summary>Source-generated JSON for the Mattermost REST API: snake_case names, null fields left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MattermostLogin))]
[JsonSerializable(typeof(MattermostEntity))]
[JsonSerializable(typeof(MattermostPost))]
internal sealed partial class MattermostJsonContext : JsonSerializerContext;
