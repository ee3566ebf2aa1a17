using System.Text.Json.Serialization;

namespace ConsulAlerts.Dashboard;

/// <summary>Source-generated JSON for <c>/v1/dashboard</c>, in camelCase like the rest of our own API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DashboardReport))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
