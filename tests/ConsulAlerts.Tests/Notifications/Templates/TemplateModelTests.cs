using System.Reflection;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Templates;

namespace ConsulAlerts.Tests.Notifications.Templates;

public sealed class TemplateModelTests
{
    // Go's notifier.Message and TemplateData: every field and the three status methods, and ours (ServiceTags,
    // Datacenter, Datacenters), nothing else.
    private static readonly string[] GoMessageMembers =
    [
        "Node", "ServiceId", "Service", "CheckId", "Check", "Status", "Output", "Notes", "Interval", "RmdCheck",
        "NotifList", "VarOverrides", "Timestamp", "ServiceTags", "Datacenter", "IsCritical", "IsWarning", "IsPassing",
    ];

    private static readonly string[] GoTemplateDataMembers =
    [
        "ClusterName", "SystemStatus", "FailCount", "WarnCount", "PassCount", "Nodes", "Datacenters", "IsCritical", "IsWarning", "IsPassing",
    ];

    [Fact]
    public void MessageMembers_GoMessageShape_EveryFieldAndMethod() =>
        TemplateModel.MessageMembers.Names.ShouldBe(GoMessageMembers, ignoreOrder: true);

    [Fact]
    public void TemplateDataMembers_GoTemplateDataShape_EveryFieldAndMethod() =>
        TemplateModel.TemplateDataMembers.Names.ShouldBe(GoTemplateDataMembers, ignoreOrder: true);

    // A property added to the model must be added to its table (or deliberately left out here), or templates miss it.
    [Theory]
    // Message.Key, Profile and the datacenter naming flags are the daemon's own (JSON-ignored), not fields of Go's notifier.Message.
    [InlineData(typeof(Message), "Key,Profile,NamesDatacenter,FromOtherDatacenter")]
    [InlineData(typeof(TemplateData), "")]
    public void Members_EveryPublicPropertyAndStatusMethod_Listed(Type type, string leftOut)
    {
        var table = type == typeof(Message) ? TemplateModel.MessageMembers : TemplateModel.TemplateDataMembers;
        var declared = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name)
            .Concat(type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Where(m => m.Name.StartsWith("Is", StringComparison.Ordinal) && m.GetParameters().Length == 0)
                .Select(m => m.Name))
            .Where(name => !leftOut.Split(',').Contains(name) && name != "EqualityContract");

        table.Names.ShouldBe(declared, ignoreOrder: true);
    }

    [Fact]
    public void MessageMembers_Getters_ReadTheMessage()
    {
        var at = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var message = new Message
        {
            Node = "n", ServiceId = "s-1", Service = "s", CheckId = "c-1", Check = "c", Status = "warning", Output = "o", Notes = "x",
            Interval = 5, RmdCheck = at, Timestamp = at.AddSeconds(1), NotifList = new Dictionary<string, bool> { ["log"] = true },
        };

        object? Read(string name) => TemplateModel.MessageMembers.Find(name)!.Getter(message);

        message.ShouldSatisfyAllConditions(
            () => Read("Node").ShouldBe("n"),
            () => Read("ServiceId").ShouldBe("s-1"),
            () => Read("Service").ShouldBe("s"),
            () => Read("CheckId").ShouldBe("c-1"),
            () => Read("Check").ShouldBe("c"),
            () => Read("Status").ShouldBe("warning"),
            () => Read("Output").ShouldBe("o"),
            () => Read("Notes").ShouldBe("x"),
            () => Read("Interval").ShouldBe(5),
            () => Read("RmdCheck").ShouldBe(at),
            () => Read("Timestamp").ShouldBe(at.AddSeconds(1)),
            () => Read("NotifList").ShouldBeSameAs(message.NotifList),
            () => Read("IsWarning").ShouldBe(true),
            () => Read("IsCritical").ShouldBe(false),
            () => TemplateModel.MessageMembers.Find("IsWarning")!.IsMethod.ShouldBeTrue(),
            () => TemplateModel.MessageMembers.Find("Node")!.IsMethod.ShouldBeFalse());
    }

    [Fact]
    public void MembersOf_ModelAndTemplateObjects_TheirTables()
    {
        TemplateModel.MembersOf(new Message()).ShouldBeSameAs(TemplateModel.MessageMembers);
        TemplateModel.MembersOf(new TemplateData()).ShouldBeSameAs(TemplateModel.TemplateDataMembers);
        var custom = new GoTemplateTests.WithList(["a"]);
        TemplateModel.MembersOf(custom).ShouldBeSameAs(custom.TemplateMembers);
    }

    [Theory]
    [InlineData("text")]
    [InlineData(42)]
    public void MembersOf_OtherValue_Null(object value) =>
        TemplateModel.MembersOf(value).ShouldBeNull();
}
