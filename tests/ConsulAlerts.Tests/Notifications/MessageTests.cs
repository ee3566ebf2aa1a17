using System.Text.Json;
using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications;

namespace ConsulAlerts.Tests.Notifications;

public sealed class MessageTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Fact]
    public void Serialize_FullMessage_MatchesGoShapeExactly()
    {
        var message = new Message
        {
            Node = "node1",
            ServiceId = "web-1",
            Service = "web",
            CheckId = "service:web-1",
            Check = "HTTP on 80",
            Status = "critical",
            Output = "HTTP GET: 500",
            Notes = "see runbook",
            Interval = 7,
            RmdCheck = At.AddMinutes(1),
            NotifList = new Dictionary<string, bool> { ["email"] = true, ["log"] = false },
            VarOverrides = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["email"] = new Dictionary<string, string> { ["receivers"] = "[\"ops@example.com\"]", ["one-per-node"] = "true" },
                ["slack"] = new Dictionary<string, string> { ["channel"] = "#ops" },
            },
            Timestamp = At.AddMilliseconds(250),
        };

        var json = JsonSerializer.Serialize(message, NotificationsJsonContext.Default.Message);

        const string expected = """
            {"Node":"node1","ServiceId":"web-1","Service":"web","CheckId":"service:web-1","Check":"HTTP on 80","Status":"critical","Output":"HTTP GET: 500","Notes":"see runbook","Interval":7,"RmdCheck":"2026-03-04T05:07:07Z","NotifList":{"email":true,"log":false},"VarOverrides":{"email":{"one-per-node":true,"receivers":["ops@example.com"]},"slack":{"channel":"#ops"}},"Timestamp":"2026-03-04T05:06:07.25Z","ServiceTags":[]}
            """;
        json.ShouldBe(expected);
    }

    [Theory]
    [InlineData("""{"Node":"n","ServiceTags":["v1","blue"]}""", "v1,blue")]
    [InlineData("""{"Node":"n","ServiceTags":null}""", "")]
    [InlineData("""{"Node":"n","ServiceTags":[]}""", "")]
    [InlineData("""{"Node":"n"}""", "")]
    public void Deserialize_ServiceTags_ReadWhenPresentEmptyOtherwise(string json, string expected)
    {
        var message = JsonSerializer.Deserialize(json, NotificationsJsonContext.Default.Message).ShouldNotBeNull();

        message.ServiceTags.ShouldBe(expected.Length == 0 ? [] : expected.Split(','));
    }

    [Fact]
    public void From_CheckOfAnotherDatacenter_CarriesItInKeyAndJson()
    {
        var check = new CheckInfo { Node = "n", CheckId = "c", Datacenter = "dc2" };

        var message = Message.From(new CheckTransition(check, "passing", "critical", At), null);
        var json = JsonSerializer.Serialize(message, NotificationsJsonContext.Default.Message);

        message.Key.ShouldBe(new CheckKey("n", "c", "dc2"));
        json.ShouldEndWith("\"ServiceTags\":[],\"Datacenter\":\"dc2\"}");
        JsonSerializer.Deserialize(json, NotificationsJsonContext.Default.Message)!.Key.ShouldBe(message.Key);
    }

    [Fact]
    public void From_TaggedCheck_CarriesItsServiceTags()
    {
        var check = new CheckInfo { Node = "n", CheckId = "c", ServiceId = "web", ServiceTags = ["v1", "blue"] };

        var message = Message.From(new CheckTransition(check, "passing", "critical", At), null);

        message.ServiceTags.ShouldBe(["v1", "blue"]);
        JsonSerializer.Serialize(message, NotificationsJsonContext.Default.Message).ShouldEndWith("\"ServiceTags\":[\"v1\",\"blue\"]}");
    }

    [Fact]
    public void Serialize_WithoutProfile_WritesNullNotifListEmptyOverridesAndGoZeroTime()
    {
        var json = JsonSerializer.Serialize(new Message { Node = "n", CheckId = "c" }, NotificationsJsonContext.Default.Message);

        json.ShouldContain("\"Interval\":0,\"RmdCheck\":\"0001-01-01T00:00:00Z\",\"NotifList\":null,\"VarOverrides\":{},\"Timestamp\":\"0001-01-01T00:00:00Z\"");
    }

    [Fact]
    public void Deserialize_GoWrittenReminder_ReadsEveryField()
    {
        // As Go's json.Marshal writes a notifier.Message: nil map, Notifiers struct with nil pointers, nanosecond times.
        const string go = """
            {"Node":"node1","ServiceId":"","Service":"","CheckId":"serfHealth","Check":"Serf Health Status","Status":"critical",
             "Output":"Agent not live","Notes":"","Interval":10,"RmdCheck":"2019-03-04T10:11:12.123456789+01:00","NotifList":null,
             "VarOverrides":{"email":null,"log":null,"influxdb":null,"slack":{"Channel":"#ops","Detailed":true},"custom":null},
             "Timestamp":"2019-03-04T10:01:12.5Z"}
            """;

        var message = JsonSerializer.Deserialize(go, NotificationsJsonContext.Default.Message).ShouldNotBeNull();

        message.Node.ShouldBe("node1");
        message.CheckId.ShouldBe("serfHealth");
        message.Check.ShouldBe("Serf Health Status");
        message.Status.ShouldBe("critical");
        message.Output.ShouldBe("Agent not live");
        message.Interval.ShouldBe(10);
        message.RmdCheck.ShouldBe(new DateTimeOffset(2019, 3, 4, 10, 11, 12, TimeSpan.FromHours(1)).AddTicks(1234567));
        message.NotifList.ShouldBeNull();
        message.VarOverrides.Keys.ShouldBe(["slack"]);
        message.VarOverrides["slack"]["Channel"].ShouldBe("#ops");
        message.VarOverrides["slack"]["Detailed"].ShouldBe("true");
        message.Timestamp.ShouldBe(new DateTimeOffset(2019, 3, 4, 10, 1, 12, 500, TimeSpan.Zero));
    }

    [Fact]
    public void Serialize_ThenDeserialize_RoundTrips()
    {
        var message = new Message
        {
            Node = "n",
            CheckId = "c",
            Status = "warning",
            Interval = 1,
            RmdCheck = new DateTimeOffset(2026, 1, 1, 1, 2, 3, TimeSpan.FromHours(-5)),
            NotifList = new Dictionary<string, bool> { ["pager-script"] = true },
            VarOverrides = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["email"] = new Dictionary<string, string> { ["receivers"] = "[\"a@b.c\"]", ["sender-alias"] = "true" },
            },
            Timestamp = new DateTimeOffset(2026, 1, 1, 1, 2, 3, 456, TimeSpan.Zero),
        };

        var json = JsonSerializer.Serialize(message, NotificationsJsonContext.Default.Message);
        var back = JsonSerializer.Deserialize(json, NotificationsJsonContext.Default.Message).ShouldNotBeNull();

        json.ShouldContain("\"sender-alias\":\"true\""); // a string key stays a string even when it looks like JSON
        back.RmdCheck.ShouldBe(message.RmdCheck);
        back.Timestamp.ShouldBe(message.Timestamp);
        back.NotifList.ShouldBe(message.NotifList);
        back.VarOverrides["email"]["receivers"].ShouldBe("[\"a@b.c\"]");
        back.VarOverrides["email"]["sender-alias"].ShouldBe("true");
    }

    [Fact]
    public void Serialize_List_IsAJsonArrayOfMessages()
    {
        IReadOnlyList<Message> messages = [new Message { Node = "a" }, new Message { Node = "b" }];

        using var document = JsonDocument.Parse(JsonSerializer.Serialize(messages, NotificationsJsonContext.Default.IReadOnlyListMessage));

        document.RootElement.ValueKind.ShouldBe(JsonValueKind.Array);
        document.RootElement.EnumerateArray().Select(m => m.GetProperty("Node").GetString()).ShouldBe(["a", "b"]);
    }

    [Fact]
    public void From_TransitionAndProfile_CopiesCheckAndAttachesProfile()
    {
        var check = new CheckInfo
        {
            Node = "node1", CheckId = "service:web-1", Name = "HTTP", Status = "critical", Notes = "notes", Output = "out",
            ServiceId = "web-1", ServiceName = "web",
        };
        var profile = new ProfileConfig("ops")
        {
            Interval = TimeSpan.FromMinutes(15),
            NotifList = new Dictionary<string, bool> { ["email"] = true },
            VarOverrides = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["email"] = new Dictionary<string, string> { ["template"] = "/t" } },
        };
        var message = Message.From(new CheckTransition(check, "passing", "critical", At), profile);

        message.ShouldBe(new Message
        {
            Node = "node1", ServiceId = "web-1", Service = "web", CheckId = "service:web-1", Check = "HTTP", Status = "critical",
            Output = "out", Notes = "notes", Interval = 15, RmdCheck = At, NotifList = profile.NotifList, VarOverrides = profile.VarOverrides,
            Timestamp = At, Profile = "ops",
        });
        message.IsCritical().ShouldBeTrue();
        message.IsWarning().ShouldBeFalse();
        message.IsPassing().ShouldBeFalse();
    }

    [Fact]
    public void From_NoProfile_HasNoIntervalNoListNoOverrides()
    {
        var message = Message.From(new CheckTransition(new CheckInfo { Node = "n", CheckId = "c" }, "", "warning", At), null);

        message.Interval.ShouldBe(0);
        message.NotifList.ShouldBeNull();
        message.VarOverrides.ShouldBeEmpty();
        message.IsWarning().ShouldBeTrue();
    }

    [Fact]
    public void From_SameDecisionTwice_MakesEqualMessages()
    {
        var transition = new CheckTransition(new CheckInfo { Node = "n", CheckId = "c", Output = "down" }, "passing", "critical", At);

        Message.From(transition, null).ShouldBe(Message.From(transition, null));
    }

    [Fact]
    public void From_OutputOf1MiB_IsTruncatedWithAMarkerAndFitsAnyRecord()
    {
        var check = new CheckInfo { Node = "n", CheckId = "c", Output = new string('x', 1024 * 1024), Notes = "runbook" };

        var message = Message.From(new CheckTransition(check, "passing", "critical", At), null);

        System.Text.Encoding.UTF8.GetByteCount(message.Output).ShouldBeLessThanOrEqualTo(CheckText.MaxBytes);
        message.Output.ShouldStartWith("xxxx");
        message.Output.ShouldEndWith($"… [truncated {(1024 * 1024) - message.Output.IndexOf('…', StringComparison.Ordinal)} bytes]");
        message.Notes.ShouldBe("runbook");
    }
}
