using System.Text.Json.Serialization;

namespace ConsulAlerts.Notifications.Notifiers.HttpEndpoint;

/// <summary>Source-generated JSON for the http-endpoint body: one string per payload field, in name order like Go's encoder.</summary>
[JsonSerializable(typeof(SortedDictionary<string, string>))]
internal sealed partial class HttpEndpointJsonContext : JsonSerializerContext;
