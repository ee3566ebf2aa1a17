using System.Text.Json.Serialization;

namespace ConsulAlerts.Api;

/// <summary>The answer to <c>POST /v1/silences</c>, as Alertmanager gives it: <c>{"silenceID": "..."}</c>.</summary>
internal sealed record SilenceCreatedReport([property: JsonPropertyName("silenceID")] string SilenceId);
