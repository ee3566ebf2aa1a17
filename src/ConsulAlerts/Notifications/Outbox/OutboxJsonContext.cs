using System.Text.Json.Serialization;

namespace ConsulAlerts.Notifications.Outbox;

/// <summary>Source-generated JSON of outbox entries.</summary>
[JsonSerializable(typeof(OutboxEntry))]
internal sealed partial class OutboxJsonContext : JsonSerializerContext;
