using System.Text.Json.Serialization;

namespace ConsulAlerts.Leadership;

[JsonSerializable(typeof(LockHolder))]
internal sealed partial class LeadershipJsonContext : JsonSerializerContext;
