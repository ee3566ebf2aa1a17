namespace ConsulAlerts.Notifications.Pipeline;

/// <summary>
/// Deliveries of one notifier instance gathered by <see cref="GroupStage"/> and made as one: <see cref="Delivery"/>
/// carries all their messages, in the order they arrived, through one <see cref="INotifier.NotifyAsync"/> per attempt.
/// Each member keeps its own outbox entry, removed when the group's delivery ends.
/// </summary>
internal sealed class DeliveryGroup
{
    private DeliveryGroup(IReadOnlyList<NotificationDelivery> members, NotificationDelivery delivery)
    {
        Members = members;
        Delivery = delivery;
    }

    /// <summary>The deliveries gathered, in order; never empty.</summary>
    public IReadOnlyList<NotificationDelivery> Members { get; }

    /// <summary>
    /// What is attempted: the first member itself when it is alone; otherwise the first member with every member's
    /// messages, as old as the oldest (its age bounds the retries), and the first member's profile when all share it.
    /// Members of one instance were recorded with the same overrides (the instance name is made of them), so members of
    /// different profiles are attempted with those recorded overrides rather than one profile's.
    /// </summary>
    public NotificationDelivery Delivery { get; }

    public static DeliveryGroup Of(IReadOnlyList<NotificationDelivery> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentOutOfRangeException.ThrowIfZero(members.Count);
        var first = members[0];
        if (members.Count == 1)
        {
            return new DeliveryGroup(members, first);
        }

        var messages = new List<Message>(members.Sum(m => m.Messages.Count));
        var created = first.Created;
        var sameProfile = true;
        foreach (var member in members)
        {
            messages.AddRange(member.Messages);
            created = member.Created < created ? member.Created : created;
            sameProfile &= string.Equals(member.Profile, first.Profile, StringComparison.Ordinal);
        }

        return new DeliveryGroup(members, first with { Messages = messages, Created = created, Profile = sameProfile ? first.Profile : null });
    }
}
