using System.Text.Json.Serialization;

namespace ConsulAlerts.Notifications.Outbox;

/// <summary>Source-generated JSON of outbox entries and commit records.</summary>
[JsonSerializable(typeof(OutboxEntry))]
[JsonSerializable(typeof(OutboxCommit))]
internal sealed partial class OutboxJsonContext : JsonSerializerContext;
