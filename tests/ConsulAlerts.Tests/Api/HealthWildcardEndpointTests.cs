using System.Net;
using System.Text.Json;
using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Api;

public sealed class HealthWildcardEndpointTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiTestHost.StartAsync();
        _host.Checks.Add("n1", "web", "service:web", "passing", "passing", name: "Web check", serviceName: "web");
        _host.Checks.Add("n1", "db", "service:db", "critical", "critical", output: "down", name: "DB check", serviceName: "postgres");
        _host.Checks.Add("n2", "web", "service:web", "warning", "warning", name: "Web check", serviceName: "web");
        _host.Checks.Add("n2", "", "mem", "passing", "passing", name: "Memory");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("", "n1/service:db,n1/service:web,n2/mem,n2/service:web", HttpStatusCode.ServiceUnavailable)]
    [InlineData("node=n1", "n1/service:db,n1/service:web", HttpStatusCode.ServiceUnavailable)]
    [InlineData("service=web", "n1/service:web,n2/service:web", HttpStatusCode.ServiceUnavailable)]
    [InlineData("service=postgres", "n1/service:db", HttpStatusCode.ServiceUnavailable)]
    [InlineData("check=Memory", "n2/mem", HttpStatusCode.OK)]
    [InlineData("status=passing", "n1/service:web,n2/mem", HttpStatusCode.OK)]
    [InlineData("status=passing,warning", "n1/service:web,n2/mem,n2/service:web", HttpStatusCode.ServiceUnavailable)]
    [InlineData("node=n1&status=critical&alwaysOk=1", "n1/service:db", HttpStatusCode.OK)]
    [InlineData("node=n3", "", HttpStatusCode.OK)]
    public async Task Get_Filters_ReturnMatchesAndWorstCode(string query, string expected, HttpStatusCode code)
    {
        using var response = await _host.Client.GetAsync(new Uri("v1/health/wildcard?" + query, UriKind.Relative));

        response.StatusCode.ShouldBe(code);
        (await KeysAsync(response)).ShouldBe(expected);
    }

    [Fact]
    public async Task Get_Body_UsesGoFieldNames()
    {
        using var response = await _host.Client.GetAsync(new Uri("v1/health/wildcard?node=n1&check=DB%20check", UriKind.Relative));

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var check = body.RootElement[0];
        check.GetProperty("Node").GetString().ShouldBe("n1");
        check.GetProperty("CheckID").GetString().ShouldBe("service:db");
        check.GetProperty("Name").GetString().ShouldBe("DB check");
        check.GetProperty("Status").GetString().ShouldBe("critical");
        check.GetProperty("Output").GetString().ShouldBe("down");
        check.GetProperty("ServiceID").GetString().ShouldBe("db");
        check.GetProperty("ServiceName").GetString().ShouldBe("postgres");
    }

    [Fact]
    public async Task Get_Blacklisted_LeftOutUnlessIgnoreBlacklist()
    {
        _host.Config.Publish(new AlertsConfig
        {
            Revision = 2,
            Blacklist = new BlacklistConfig { Nodes = new NameMatcher { Exact = new HashSet<string>(StringComparer.Ordinal) { "n1" } } },
        });

        using var filtered = await _host.Client.GetAsync(new Uri("v1/health/wildcard", UriKind.Relative));
        using var all = await _host.Client.GetAsync(new Uri("v1/health/wildcard?ignoreBlacklist=true", UriKind.Relative));

        (await KeysAsync(filtered)).ShouldBe("n2/mem,n2/service:web");
        (await KeysAsync(all)).ShouldBe("n1/service:db,n1/service:web,n2/mem,n2/service:web");
    }

    [Fact]
    public async Task Get_LocalDatacenterBlacklisted_LocalChecksLeftOut()
    {
        _host.Config.Publish(new AlertsConfig
        {
            Revision = 2,
            Blacklist = new BlacklistConfig { Datacenters = new NameMatcher { Exact = new HashSet<string>(StringComparer.Ordinal) { "dc1" } } },
        });

        using var filtered = await _host.Client.GetAsync(new Uri("v1/health/wildcard", UriKind.Relative));

        (await KeysAsync(filtered)).ShouldBe("", "the checks carry no datacenter name, but are the agent's own (dc1)");
    }

    [Fact]
    public async Task Get_ServiceTagBlacklisted_LeftOutAndTagsShownOnlyWhereThereAreSome()
    {
        _host.Checks.Put(new CheckState
        {
            Current = "critical",
            HealthCheck = new CheckInfo { Node = "n3", CheckId = "service:api", Status = "critical", ServiceId = "api", ServiceName = "api", ServiceTags = ["v1", "canary"] },
        });
        _host.Checks.Put(new CheckState
        {
            Current = "passing",
            HealthCheck = new CheckInfo { Node = "n3", CheckId = "service:api2", Status = "passing", ServiceId = "api2", ServiceName = "api", ServiceTags = ["v1"] },
        });
        _host.Config.Publish(new AlertsConfig
        {
            Revision = 2,
            Blacklist = new BlacklistConfig { ServiceTags = new NameMatcher { Exact = new HashSet<string>(StringComparer.Ordinal) { "canary" } } },
        });

        using var filtered = await _host.Client.GetAsync(new Uri("v1/health/wildcard?node=n3", UriKind.Relative));
        using var all = await _host.Client.GetAsync(new Uri("v1/health/wildcard?node=n3&ignoreBlacklist=true", UriKind.Relative));

        filtered.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await all.Content.ReadAsStringAsync());
        body.RootElement.EnumerateArray().Select(c => c.GetProperty("CheckID").GetString()).ShouldBe(["service:api", "service:api2"]);
        body.RootElement[0].GetProperty("ServiceTags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["v1", "canary"]);
        (await KeysAsync(filtered)).ShouldBe("n3/service:api2");
        using var memory = await _host.Client.GetAsync(new Uri("v1/health/wildcard?node=n2&check=Memory", UriKind.Relative));
        using var untagged = JsonDocument.Parse(await memory.Content.ReadAsStringAsync());
        untagged.RootElement[0].TryGetProperty("ServiceTags", out _).ShouldBeFalse();
    }

    private static async Task<string> KeysAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return string.Join(',', body.RootElement.EnumerateArray()
            .Select(c => $"{c.GetProperty("Node").GetString()}/{c.GetProperty("CheckID").GetString()}"));
    }

    [Fact]
    public async Task Get_CatastrophicBlacklistPattern_DecidedRightForEveryCheck()
    {
        var hostile = new string('a', 32);
        _host.Checks.Add("n3", "", hostile + "-1", "critical", "critical");
        _host.Checks.Add("n3", "", hostile + "-muted", "critical", "critical");
        _host.Config.Publish(AlertsConfigParser.Parse(
            [new ConsulAlerts.Consul.Kv.KvPair { Key = "consul-alerts/config/checks/blacklist/checks", Value = System.Text.Encoding.UTF8.GetBytes("""["^(\\w+\\s?)*$", "^(a+)+b|-muted$"]""") }],
            "consul-alerts",
            3));

        using var response = await _host.Client.GetAsync(new Uri("v1/health/wildcard?node=n3", UriKind.Relative));

        (await KeysAsync(response)).ShouldBe($"n3/{hostile}-1");
    }
}
