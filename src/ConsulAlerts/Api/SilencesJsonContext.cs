using System.Text.Json.Serialization;
using ConsulAlerts.Compat;

namespace ConsulAlerts.Api;

/// <summary>Source-generated JSON for <c>/v1/silences</c>: camelCase like the rest of our own API, RFC 3339 UTC times.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, Converters = [typeof(GoTimeJsonConverter)])]
[JsonSerializable(typeof(SilenceReport))]
[JsonSerializable(typeof(IReadOnlyList<SilenceReport>))]
[JsonSerializable(typeof(SilenceCreatedReport))]
[JsonSerializable(typeof(ApiErrorsReport))]
internal sealed partial class SilencesJsonContext : JsonSerializerContext;
