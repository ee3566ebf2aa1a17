using ConsulAlerts.Notifications.Notifiers.HttpEndpoint;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.HttpEndpoint;

public sealed class HttpEndpointNotifierConfigTests
{
    [Fact]
    public void From_NothingSet_HasNoUrlAndAnEmptyPayload()
    {
        var config = HttpEndpointNotifierConfig.From(Config("http-endpoint"));

        config.ClusterName.ShouldBe("Consul Alerts");
        config.Url.ShouldBeNull();
        config.Payload.ShouldBeEmpty();
        config.Error.ShouldBeNull();
    }

    [Theory]
    [InlineData("https://h.example.com", null, "https://h.example.com")]
    [InlineData("https://h.example.com/api", "/v1/alerts", "https://h.example.com/api/v1/alerts")]
    [InlineData("https://h.example.com/api/", "alerts", "https://h.example.com/api/alerts")]
    public void From_BaseUrlAndEndpoint_JoinedAsTheyAre(string baseUrl, string? endpoint, string expected)
    {
        var config = endpoint is null
            ? HttpEndpointNotifierConfig.From(Config("http-endpoint", ("base-url", baseUrl)))
            : HttpEndpointNotifierConfig.From(Config("http-endpoint", ("base-url", baseUrl), ("endpoint", endpoint)));

        config.Url.ShouldBe(expected);
    }

    [Fact]
    public void From_Payload_SortsByNameAndKeepsTheLastOfARepeatedName()
    {
        var config = HttpEndpointNotifierConfig.From(Config("http-endpoint", ("payload", """{"b": "2", "a": "1", "b": "3"}""")));

        config.Payload.ShouldBe([new("a", "1"), new("b", "3")]);
        config.Error.ShouldBeNull();
    }

    [Fact]
    public void ToString_NamesThePayloadFieldsOnly() =>
        HttpEndpointNotifierConfig.From(Config("http-endpoint", ("payload", """{"text": "{{.ClusterName}}"}"""))).ToString()
            .ShouldSatisfyAllConditions(s => s.ShouldContain("text"), s => s.ShouldNotContain("{{"));
}
