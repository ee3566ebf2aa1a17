using System.Text.Json.Serialization;

namespace ConsulAlerts.Silences;

/// <summary>
/// Source-generated JSON of stored silences and of requests to create one. Names are matched exactly (Alertmanager's
/// camelCase); unknown fields are ignored; nesting is capped far below the default so a hostile body fails early.
/// </summary>
[JsonSourceGenerationOptions(MaxDepth = 8)]
[JsonSerializable(typeof(Silence))]
[JsonSerializable(typeof(SilenceRequest))]
[JsonSerializable(typeof(IReadOnlyList<SilenceRequest?>))]
internal sealed partial class SilenceJsonContext : JsonSerializerContext;
