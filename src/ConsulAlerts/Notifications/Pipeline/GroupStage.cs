using System.Threading.Channels;
using ConsulAlerts.Configuration;

namespace ConsulAlerts.Notifications.Pipeline;

/// <summary>
/// Gathers one notifier instance's deliveries into groups, so that a storm decided in several steps goes out as one
/// message: the first delivery taken opens a group, and the deliveries that arrive on the queue until its group-wait
/// has passed since that one arrived join it. A group-wait of zero makes every delivery a group of its own (as if there
/// were no grouping). Deliveries of another term never join (the term's end closes the group at once), and nothing
/// waits longer than the wait of the delivery that opened the group.
/// </summary>
/// <param name="timeProvider">The clock of the waits.</param>
/// <param name="waitFor">The group-wait of a delivery that opens a group (<see cref="WaitFor"/> with the configuration in force).</param>
/// <param name="report">Told how many deliveries the open group holds, and 0 when it closes (for the status).</param>
internal sealed class GroupStage(TimeProvider timeProvider, Func<NotificationDelivery, TimeSpan> waitFor, Action<int> report)
{
    /// <summary>
    /// The group-wait of a delivery: the shortest of its messages' profiles' <see cref="ProfileConfig.GroupWait"/>
    /// (a profile that asks for none is never held back by another), <see cref="ChecksConfig.GroupWait"/> for a message
    /// without a profile or whose profile sets none.
    /// </summary>
    public static TimeSpan WaitFor(NotificationDelivery delivery, AlertsConfig config)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(config);
        TimeSpan? shortest = null;
        string? seen = null;
        var first = true;
        foreach (var message in delivery.Messages)
        {
            var name = message.Profile ?? delivery.Profile;
            if (!first && string.Equals(name, seen, StringComparison.Ordinal))
            {
                continue;
            }

            (first, seen) = (false, name);
            var wait = name is not null && config.Profiles.TryGetValue(name, out var profile) && profile.GroupWait is { } own ? own : config.Checks.GroupWait;
            shortest = shortest is { } s && s < wait ? s : wait;
        }

        return shortest ?? config.Checks.GroupWait;
    }

    /// <summary>
    /// The group opened by <paramref name="first"/>: it and the deliveries that join it before its wait ends. Returns
    /// early, with what it has gathered, when <paramref name="cancellationToken"/> fires (the caller sees it) or the
    /// term of <paramref name="first"/> ends; never throws for either.
    /// </summary>
    public async Task<IReadOnlyList<NotificationDelivery>> GatherAsync(QueuedDelivery first, ChannelReader<QueuedDelivery> reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        List<NotificationDelivery> members = [first.Delivery];
        var wait = waitFor(first.Delivery);
        if (wait <= TimeSpan.Zero)
        {
            return members;
        }

        var deadline = first.Arrived + wait;
        var term = first.Delivery.Cancellation;
        try
        {
            while (true)
            {
                var blocked = Take(reader, members, deadline, term);
                report(members.Count);
                var left = deadline - timeProvider.GetUtcNow();
                if (blocked || left <= TimeSpan.Zero || term.IsCancellationRequested || cancellationToken.IsCancellationRequested)
                {
                    return members;
                }

                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, term);
                var timer = Task.Delay(left, timeProvider, stop.Token);
                var arrival = reader.WaitToReadAsync(stop.Token).AsTask();
                await Task.WhenAny(timer, arrival);
                if (arrival is { IsCompletedSuccessfully: true, Result: false })
                {
                    return members; // the queue was closed
                }

                // Ends whichever wait is still running; a cancelled Task.Delay or WaitToReadAsync is not an error.
                await stop.CancelAsync();
            }
        }
        finally
        {
            report(0);
        }
    }

    /// <summary>Moves the waiting deliveries that join the group into it; true when the next one waiting does not.</summary>
    private static bool Take(ChannelReader<QueuedDelivery> reader, List<NotificationDelivery> members, DateTimeOffset deadline, CancellationToken term)
    {
        while (reader.TryPeek(out var next))
        {
            if (next.Arrived > deadline || next.Delivery.Cancellation != term)
            {
                return true;
            }

            reader.TryRead(out _);
            members.Add(next.Delivery);
        }

        return false;
    }
}
