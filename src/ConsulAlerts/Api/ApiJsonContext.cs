using System.Text.Json.Serialization;
using ConsulAlerts.Checks;

namespace ConsulAlerts.Api;

/// <summary>Source-generated JSON for API answers.</summary>
[JsonSerializable(typeof(IReadOnlyList<CheckInfo>))]
[JsonSerializable(typeof(IReadOnlyList<WildcardCheck>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
