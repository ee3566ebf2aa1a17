using System.Text.Json.Serialization;

namespace ConsulAlerts.Events;

[JsonSerializable(typeof(EventHandlerInput))]
[JsonSerializable(typeof(HandledEventsState))]
internal sealed partial class EventsJsonContext : JsonSerializerContext
{
}
