using System.Text;
using System.Text.Json;
using ConsulAlerts.Consul.Events;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Events;

namespace ConsulAlerts.Tests.Events;

public sealed class EventHandlerInputTests
{
    [Fact]
    public void Serialize_Event_HasTheGoDaemonsFieldsInOrderWithBase64Payload()
    {
        var input = EventHandlerInput.From(new UserEvent
        {
            Id = "b54fe110-7af5-cafc-d1fb-afc8ba432b1c",
            Name = "deploy",
            Payload = Encoding.UTF8.GetBytes("1609030"),
            NodeFilter = "web-.*",
            ServiceFilter = "api",
            TagFilter = "v2",
            Version = 1,
            LTime = 19,
        });

        var json = JsonSerializer.Serialize(input, EventsJsonContext.Default.EventHandlerInput);

        json.ShouldBe("""{"ID":"b54fe110-7af5-cafc-d1fb-afc8ba432b1c","Name":"deploy","Payload":"MTYwOTAzMA==","NodeFilter":"web-.*","ServiceFilter":"api","TagFilter":"v2","Version":1,"LTime":19}""");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Serialize_NoPayload_WritesNullAsConsulDoes(bool emptyArray)
    {
        var input = EventHandlerInput.From(new UserEvent { Id = "id", Name = "n", Payload = emptyArray ? [] : null });

        var json = JsonSerializer.Serialize(input, EventsJsonContext.Default.EventHandlerInput);

        json.ShouldContain("\"Payload\":null");
    }

    [Fact]
    public void From_EventReadFromConsulJson_KeepsEveryField()
    {
        const string consul = """{"ID":"b54fe110-7af5-cafc-d1fb-afc8ba432b1c","Name":"deploy","Payload":"MTYwOTAzMA==","NodeFilter":"n","ServiceFilter":"s","TagFilter":"t","Version":1,"LTime":19}""";
        var userEvent = JsonSerializer.Deserialize(consul, ConsulJsonContext.Default.UserEvent).ShouldNotBeNull();

        var json = JsonSerializer.Serialize(EventHandlerInput.From(userEvent), EventsJsonContext.Default.EventHandlerInput);

        json.ShouldBe(consul);
    }
}
