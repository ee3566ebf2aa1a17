namespace ConsulAlerts.Notifications.Templates;

/// <summary>
/// The members of the data templates see, in the Go daemon's shape: <see cref="TemplateData"/> (Go's
/// <c>TemplateData</c>/<c>EmailData</c>) and <see cref="Message"/> (Go's <c>notifier.Message</c>). Written out rather
/// than found by reflection, so the native build renders templates too; a test holds these tables to the types' members.
/// Go has no <c>Key</c> on a message, so templates do not see it; <c>ServiceTags</c> (a list, for <c>range</c>),
/// <c>Datacenter</c> and <c>Datacenters</c> are ours.
/// </summary>
internal static class TemplateModel
{
    public static readonly TemplateMembers TemplateDataMembers = TemplateMembers.For<TemplateData>()
        .Field(nameof(TemplateData.ClusterName), d => d.ClusterName)
        .Field(nameof(TemplateData.SystemStatus), d => d.SystemStatus)
        .Field(nameof(TemplateData.FailCount), d => d.FailCount)
        .Field(nameof(TemplateData.WarnCount), d => d.WarnCount)
        .Field(nameof(TemplateData.PassCount), d => d.PassCount)
        .Map(nameof(TemplateData.Nodes), d => d.Nodes)
        .List(nameof(TemplateData.Datacenters), d => d.Datacenters)
        .Method(nameof(TemplateData.IsCritical), d => d.IsCritical())
        .Method(nameof(TemplateData.IsWarning), d => d.IsWarning())
        .Method(nameof(TemplateData.IsPassing), d => d.IsPassing())
        .Build();

    public static readonly TemplateMembers MessageMembers = TemplateMembers.For<Message>()
        .Field(nameof(Message.Node), m => m.Node)
        .Field(nameof(Message.ServiceId), m => m.ServiceId)
        .Field(nameof(Message.Service), m => m.Service)
        .Field(nameof(Message.CheckId), m => m.CheckId)
        .Field(nameof(Message.Check), m => m.Check)
        .Field(nameof(Message.Status), m => m.Status)
        .Field(nameof(Message.Output), m => m.Output)
        .Field(nameof(Message.Notes), m => m.Notes)
        .Field(nameof(Message.Interval), m => m.Interval)
        .Field(nameof(Message.RmdCheck), m => m.RmdCheck)
        .Map(nameof(Message.NotifList), m => m.NotifList)
        .Map(nameof(Message.VarOverrides), m => m.VarOverrides)
        .Field(nameof(Message.Timestamp), m => m.Timestamp)
        .List(nameof(Message.ServiceTags), m => m.ServiceTags)
        .Field(nameof(Message.Datacenter), m => m.Datacenter)
        .Method(nameof(Message.IsCritical), m => m.IsCritical())
        .Method(nameof(Message.IsWarning), m => m.IsWarning())
        .Method(nameof(Message.IsPassing), m => m.IsPassing())
        .Build();

    /// <summary>The members of <paramref name="value"/>'s type, or null when templates cannot read its members.</summary>
    public static TemplateMembers? MembersOf(object value) => value switch
    {
        TemplateData => TemplateDataMembers,
        Message => MessageMembers,
        ITemplateObject custom => custom.TemplateMembers,
        _ => null,
    };
}
