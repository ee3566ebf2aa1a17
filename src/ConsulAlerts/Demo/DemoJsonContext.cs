using System.Text.Json.Serialization;

namespace ConsulAlerts.Demo;

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class DemoJsonContext : JsonSerializerContext;
