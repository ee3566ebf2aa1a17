using ConsulAlerts.Metrics;

namespace ConsulAlerts.Tests.Metrics;

public sealed class ConsulEndpointTemplateTests
{
    [Theory]
    [InlineData("v1/kv/consul-alerts/config/", "/v1/kv/*")]
    [InlineData("v1/kv/consul-alerts/notifiers/slack/url%3Dsecret", "/v1/kv/*")]
    [InlineData("/v1/kv/consul-alerts/leader?index=5", "/v1/kv/*")]
    [InlineData("v1/kv", "/v1/kv/*")]
    [InlineData("v1/health/state/any", "/v1/health/state/*")]
    [InlineData("v1/health/service/web", "/v1/health/service/*")]
    [InlineData("v1/health/node/node-1", "/v1/health/node/*")]
    [InlineData("v1/session/renew/6c2a-11", "/v1/session/renew/*")]
    [InlineData("v1/session/destroy/6c2a-11", "/v1/session/destroy/*")]
    [InlineData("v1/session/info/6c2a-11", "/v1/session/info/*")]
    [InlineData("v1/session/create", "/v1/session/create")]
    [InlineData("v1/event/fire/deploy", "/v1/event/fire/*")]
    [InlineData("v1/event/list", "/v1/event/list")]
    [InlineData("v1/txn", "/v1/txn")]
    [InlineData("v1/status/leader", "/v1/status/leader")]
    [InlineData("v1/agent/self", "/v1/agent/self")]
    [InlineData("v1/catalog/node/n1", "/v1/catalog/node/*")]
    [InlineData("v1/acl/token/abc", "other")]
    [InlineData("v1/txn/extra", "other")]
    [InlineData("", "other")]
    public void For_Path_TemplateWithoutNamesOrKeys(string path, string expected)
    {
        ConsulEndpointTemplate.For(path).ShouldBe(expected);
    }
}
