using System.Text.Json.Serialization;

namespace ConsulAlerts.Notifications;

/// <summary>Source-generated JSON for Messages (custom notifier stdin, reminders in KV). Reading is case-insensitive, as Go's.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(IReadOnlyList<Message>))]
internal sealed partial class NotificationsJsonContext : JsonSerializerContext;
