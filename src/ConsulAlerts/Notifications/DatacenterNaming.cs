namespace ConsulAlerts.Notifications;

/// <summary>
/// How messages name their datacenter when they reach the notifiers: a message of the agent's own datacenter is
/// recorded without a name (so state and reminders keep the Go daemon's layout) and gets <see cref="Local"/> here; with
/// more than one datacenter watched, subjects and chat lines name it too (<see cref="Message.NamesDatacenter"/>).
/// </summary>
/// <param name="Local">The agent's own datacenter (<c>--consul-dc</c>).</param>
/// <param name="Several">Whether other datacenters are watched (<c>--datacenters</c>).</param>
internal sealed record DatacenterNaming(string Local, bool Several)
{
    /// <summary>One datacenter, named <c>dc1</c> (the default of <c>--consul-dc</c>).</summary>
    public static DatacenterNaming Default { get; } = new("dc1", false);

    /// <summary>The messages as the notifiers see them (copies; a retry stamps the recorded messages again).</summary>
    public IReadOnlyList<Message> Stamp(IReadOnlyList<Message> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return [.. messages.Select(m => m.Datacenter.Length == 0
            ? m with { Datacenter = Local, NamesDatacenter = Several }
            : m with { NamesDatacenter = Several, FromOtherDatacenter = m.Datacenter != Local })];
    }
}
