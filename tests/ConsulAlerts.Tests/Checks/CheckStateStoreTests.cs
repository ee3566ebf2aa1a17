using System.Text;
using System.Text.Json;
using ConsulAlerts.Checks;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Consul.Sessions;
using ConsulAlerts.DevAgent;
using ConsulAlerts.Leadership;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsulAlerts.Tests.Checks;

/// <summary>The store against the dev agent over real HTTP.</summary>
public sealed class CheckStateStoreTests : IAsyncLifetime
{
    /// <summary>A state as the Go daemon writes it: the whole Consul health check, Go timestamps.</summary>
    private const string GoState = """
        {"Current":"passing","CurrentTimestamp":"2024-03-05T10:11:12.123456789Z","Pending":"critical","PendingTimestamp":"2024-03-05T11:11:13.5+01:00","HealthCheck":{"Node":"node-1","CheckID":"service:web","Name":"Service 'web' check","Status":"critical","Notes":"runbook: wiki/web","Output":"HTTP GET http://10.0.0.1/health: 503 Service Unavailable","ServiceID":"web","ServiceName":"web","ServiceTags":["v1"],"Type":"http","Definition":{"Interval":"10s","Timeout":"5s","DeregisterCriticalServiceAfter":"0s","HTTP":"http://10.0.0.1/health","Header":null,"Method":"","Body":"","TLSServerName":"","TLSSkipVerify":false,"TCP":"","UDP":"","GRPC":"","OSService":"","GRPCUseTLS":false},"CreateIndex":12,"ModifyIndex":99},"ForNotification":false}
        """;

    private const string GoZeroState = """
        {"Current":"warning","CurrentTimestamp":"2023-12-31T23:59:59Z","Pending":"","PendingTimestamp":"0001-01-01T00:00:00Z","HealthCheck":{"Node":"node-2","CheckID":"disk","Name":"Disk","Status":"warning","Notes":"","Output":"92% used","ServiceID":"","ServiceName":""},"ForNotification":true}
        """;

    private const string LockKey = "consul-alerts/leader";

    private DevAgentServer _agent = null!;
    private ConsulClient _client = null!;
    private CheckStateStore _store = null!;

    public async Task InitializeAsync()
    {
        _agent = await DevAgentServer.StartAsync();
        _client = ConsulClient.Create(new ConsulClientOptions { Address = _agent.Address.ToString() });
        _store = new CheckStateStore(_client, "consul-alerts", NullLogger<CheckStateStore>.Instance);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task LoadAsync_GoFormatState_ReadsEveryField()
    {
        await PutAsync("consul-alerts/checks/node-1/web/service:web", GoState);
        await PutAsync("consul-alerts/checks/node-2/_/disk", GoZeroState);
        await PutAsync("consul-alerts/config/checks/enabled", "true");

        var loaded = await _store.LoadAsync(CancellationToken.None);

        loaded.Select(s => s.Key).Order().ShouldBe(["node-1/web/service:web", "node-2/_/disk"]);
        var web = loaded.Single(s => s.Key == "node-1/web/service:web").State;
        web.Current.ShouldBe("passing");
        web.CurrentTimestamp.ShouldBe(new DateTimeOffset(2024, 3, 5, 10, 11, 12, TimeSpan.Zero).AddTicks(1234567));
        web.Pending.ShouldBe("critical");
        web.PendingTimestamp.ShouldBe(new DateTimeOffset(2024, 3, 5, 10, 11, 13, 500, TimeSpan.Zero));
        web.ForNotification.ShouldBeFalse();
        web.HealthCheck.ShouldBe(new CheckInfo
        {
            Node = "node-1",
            CheckId = "service:web",
            Name = "Service 'web' check",
            Status = "critical",
            Notes = "runbook: wiki/web",
            Output = "HTTP GET http://10.0.0.1/health: 503 Service Unavailable",
            ServiceId = "web",
            ServiceName = "web",
            ServiceTags = ["v1"],
        });
        var disk = loaded.Single(s => s.Key == "node-2/_/disk").State;
        disk.PendingTimestamp.ShouldBe(default);
        disk.Pending.ShouldBe("");
        disk.ForNotification.ShouldBeTrue();
        disk.HealthCheck.ServicePathSegment.ShouldBe("_");
    }

    [Fact]
    public async Task LoadAsync_UnreadableValue_SkippedOthersLoaded()
    {
        await PutAsync("consul-alerts/checks/node-1/web/service:web", GoState);
        await PutAsync("consul-alerts/checks/node-9/_/broken", "{not json");

        var loaded = await _store.LoadAsync(CancellationToken.None);

        loaded.ShouldHaveSingleItem().Key.ShouldBe("node-1/web/service:web");
    }

    [Fact]
    public async Task LoadAsync_NullsAndMissingHealthCheck_ReadAsEmptyAndFromTheKey()
    {
        await PutAsync("consul-alerts/checks/node-5/api/http", """{"Current":"critical","Pending":null,"HealthCheck":null}""");
        await PutAsync("consul-alerts/checks/node-6/_/mem", """{"Current":"passing","HealthCheck":{"Node":"node-6","CheckID":"mem","Output":null}}""");

        var loaded = (await _store.LoadAsync(CancellationToken.None)).ToDictionary(s => s.Key, s => s.State);

        var api = loaded["node-5/api/http"];
        api.Pending.ShouldBe("");
        api.HealthCheck.ShouldBe(new CheckInfo { Node = "node-5", ServiceId = "api", CheckId = "http" });
        loaded["node-6/_/mem"].HealthCheck.Output.ShouldBe("");
    }

    [Fact]
    public void Serialize_LoadedGoState_WritesTheSameFieldsInGoShape()
    {
        var state = CheckStateStore.Deserialize(Encoding.UTF8.GetBytes(GoZeroState));

        var ours = Encoding.UTF8.GetString(CheckStateStore.Serialize(state));

        using var expected = JsonDocument.Parse(GoZeroState);
        using var actual = JsonDocument.Parse(ours);
        Flatten(actual.RootElement).ShouldBe(Flatten(expected.RootElement));
        ours.ShouldContain("\"PendingTimestamp\":\"0001-01-01T00:00:00Z\"");
        ours.ShouldStartWith("{\"Current\":\"warning\",\"CurrentTimestamp\":\"2023-12-31T23:59:59Z\",\"Pending\":\"\",");
    }

    [Theory]
    [InlineData("passing")]
    [InlineData("")]
    public void Serialize_MutedChangeUnsent_AddsNotifiedAndReadsItBack(string notified)
    {
        var state = CheckStateStore.Deserialize(Encoding.UTF8.GetBytes(GoZeroState)) with { Notified = notified };

        var json = Encoding.UTF8.GetString(CheckStateStore.Serialize(state));
        var again = CheckStateStore.Deserialize(Encoding.UTF8.GetBytes(json));

        json.ShouldContain($"\"Notified\":\"{notified}\"");
        again.Notified.ShouldBe(notified);
        again.HasUnsent.ShouldBeTrue();
    }

    [Fact]
    public void Serialize_NothingUnsent_NoNotifiedField()
    {
        var state = CheckStateStore.Deserialize(Encoding.UTF8.GetBytes(GoZeroState));

        state.Notified.ShouldBeNull();
        Encoding.UTF8.GetString(CheckStateStore.Serialize(state)).ShouldNotContain("Notified");
    }

    [Fact]
    public void Serialize_GoStateWithNanoseconds_KeepsEveryFieldAndTheInstantTo100Ns()
    {
        var state = CheckStateStore.Deserialize(Encoding.UTF8.GetBytes(GoState));

        var again = CheckStateStore.Deserialize(CheckStateStore.Serialize(state));

        again.ShouldBe(state);
        using var ours = JsonDocument.Parse(CheckStateStore.Serialize(state));
        ours.RootElement.GetProperty("CurrentTimestamp").GetString().ShouldBe("2024-03-05T10:11:12.1234567Z");
        ours.RootElement.GetProperty("HealthCheck").EnumerateObject().Select(p => p.Name)
            .ShouldBe(["Node", "CheckID", "Name", "Status", "Notes", "Output", "ServiceID", "ServiceName", "ServiceTags"]);
        ours.RootElement.GetProperty("HealthCheck").GetProperty("ServiceTags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["v1"]);
    }

    [Fact]
    public void Serialize_CheckWithoutTags_NoServiceTagsFieldAndGoFieldsOnly()
    {
        var state = new CheckState { Current = "critical", HealthCheck = new CheckInfo { Node = "n", CheckId = "c", ServiceTags = [] } };

        var json = Encoding.UTF8.GetString(CheckStateStore.Serialize(state));

        json.ShouldNotContain("ServiceTags");
        json.ShouldContain("\"HealthCheck\":{\"Node\":\"n\",\"CheckID\":\"c\",\"Name\":\"\",\"Status\":\"\",\"Notes\":\"\",\"Output\":\"\",\"ServiceID\":\"\",\"ServiceName\":\"\"}");
    }

    [Fact]
    public void Serialize_CheckOfAnotherDatacenter_StoredUnderItWithTheFieldAndReadBack()
    {
        var state = new CheckState { Current = "critical", HealthCheck = new CheckInfo { Node = "n", CheckId = "c", Datacenter = "dc2" } };

        var key = CheckStateStore.KeyOf(state.HealthCheck);
        var value = CheckStateStore.Serialize(state);

        key.ShouldBe("dc2/n/_/c");
        Encoding.UTF8.GetString(value).ShouldContain("\"Datacenter\":\"dc2\"");
        var read = _store.Decode([new KvPair { Key = "consul-alerts/checks/" + key, Value = value }]).ShouldHaveSingleItem();
        read.State.HealthCheck.Key.ShouldBe(new CheckKey("n", "c", "dc2"));
        CheckStateStore.KeyOf(read.State.HealthCheck).ShouldBe(key);
    }

    [Theory]
    [InlineData("""["v1","blue"]""", new[] { "v1", "blue" })]
    [InlineData("null", new string[0])]
    [InlineData("[]", new string[0])]
    [InlineData("""["a",null,"b"]""", new[] { "a", "b" })]
    public void Decode_StoredServiceTags_ReadBackBoundedAndShared(string tags, string[] expected)
    {
        var value = $$$"""{"Current":"passing","HealthCheck":{"Node":"n","CheckID":"c","ServiceID":"web","ServiceTags":{{{tags}}}}}""";
        var pairs = new List<KvPair>
        {
            new() { Key = "consul-alerts/checks/n/web/c", Value = Encoding.UTF8.GetBytes(value) },
            new() { Key = "consul-alerts/checks/m/web/c", Value = Encoding.UTF8.GetBytes(value.Replace("\"n\"", "\"m\"", StringComparison.Ordinal)) },
        };

        var states = _store.Decode(pairs);

        states.Count.ShouldBe(2);
        states[0].State.HealthCheck.ServiceTags.ShouldBe(expected);
        states[1].State.HealthCheck.ServiceTags.ShouldBeSameAs(states[0].State.HealthCheck.ServiceTags);
    }

    [Fact]
    public void Decode_StoredTagsBeyondTheBounds_Cut()
    {
        var tags = string.Join(",", Enumerable.Range(0, 100).Select(i => $"\"{new string('t', 600)}{i}\""));
        var value = $$$"""{"Current":"passing","HealthCheck":{"Node":"n","CheckID":"c","ServiceTags":[{{{tags}}}]}}""";

        var check = _store.Decode([new KvPair { Key = "consul-alerts/checks/n/_/c", Value = Encoding.UTF8.GetBytes(value) }]).Single().State.HealthCheck;

        check.ServiceTags.Count.ShouldBe(ServiceTagBounds.MaxTags);
        check.ServiceTags.ShouldAllBe(t => t.Length == ServiceTagBounds.MaxLength);
    }

    [Fact]
    public void Decode_PairsOutsideThePrefixOrEmpty_AreLeftOut()
    {
        var pairs = new List<KvPair>
        {
            new() { Key = "consul-alerts/checks/node-1/web/service:web", Value = Encoding.UTF8.GetBytes(GoState) },
            new() { Key = "consul-alerts/checks/node-3/_/empty", Value = [] },
            new() { Key = "consul-alerts/checks/node-4/_/folder" },
            new() { Key = "consul-alerts/reminders/node-1/service:web", Value = Encoding.UTF8.GetBytes(GoState) },
        };

        var decoded = _store.Decode(pairs);

        var state = decoded.ShouldHaveSingleItem();
        state.Key.ShouldBe("node-1/web/service:web");
        state.State.HealthCheck.CheckId.ShouldBe("service:web");
    }

    [Theory]
    [InlineData("consul-alerts", "consul-alerts/checks/")]
    [InlineData("/team-a/alerts/", "team-a/alerts/checks/")]
    public void Prefix_KvPrefix_ChecksFolderBelowIt(string kvPrefix, string expected) =>
        new CheckStateStore(_client, kvPrefix, NullLogger<CheckStateStore>.Instance).Prefix.ShouldBe(expected);

    private static Dictionary<string, string> Flatten(JsonElement element, string path = "")
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var name = path + property.Name;
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var (k, v) in Flatten(property.Value, name + "."))
                {
                    result[k] = v;
                }
            }
            else
            {
                result[name] = property.Value.ToString();
            }
        }

        return result;
    }

    private static CheckStateChange WithOutput(CheckStateChange change, string output) =>
        change with { State = change.State! with { HealthCheck = change.State.HealthCheck with { Output = output } } };

    private static CheckStateChange Change(string node, string status) =>
        new($"{node}/_/serfHealth", new CheckState
        {
            Current = status,
            HealthCheck = new CheckInfo { Node = node, CheckId = "serfHealth", Status = status },
        });

    private Task<string> CreateSessionAsync() =>
        _client.Sessions.CreateAsync(new SessionOptions { Ttl = TimeSpan.FromSeconds(30), NodeChecks = [] });

    private async Task<string> AcquireLockAsync(string? session = null)
    {
        session ??= await CreateSessionAsync();
        (await _client.Kv.PutAsync(LockKey, "x"u8.ToArray(), new KvPutOptions { Acquire = session, Flags = LeaderElectionOptions.LockFlagValue })).ShouldBeTrue();
        return session;
    }

    private async Task PutAsync(string key, string value) =>
        (await _client.Kv.PutAsync(key, Encoding.UTF8.GetBytes(value))).ShouldBeTrue();
}
