using ConsulAlerts.Consul.Events;

namespace ConsulAlerts.Tests.Consul.Events;

public sealed class UserEventTests
{
    [Theory]
    [InlineData("b54fe110-7af5-cafc-d1fb-afc8ba432b1c", 7256511592453824992ul)]
    [InlineData("00000000-0000-0000-0000-000000000001", 1ul)]
    public void IndexOf_EventId_XorsFirstAndLastSixteenHexDigits(string id, ulong expected) =>
        UserEvent.IndexOf(id).ShouldBe(expected);

    [Theory]
    [InlineData("")]
    [InlineData("not-a-uuid")]
    [InlineData("zz4fe110-7af5-cafc-d1fb-afc8ba432b1c")]
    public void IndexOf_NotAUuid_GivesNull(string id) => UserEvent.IndexOf(id).ShouldBeNull();
}
