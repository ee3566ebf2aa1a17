using ConsulAlerts.Configuration;

namespace ConsulAlerts.Notifications;

/// <summary>One batch for one notifier instance with one effective configuration.</summary>
/// <param name="Instance">
/// The instance's name in logs and status: the built-in name (<c>log</c>), or <c>custom/&lt;name&gt;</c> for a custom
/// notifier. Deliveries of one instance are made one after the other, in order.
/// </param>
/// <param name="Kind">The <see cref="INotifier.Name"/> that delivers it.</param>
/// <param name="Config">Effective settings (VarOverrides applied); for a custom notifier its name and <c>path</c>.</param>
/// <param name="Messages">The messages, in the order they were decided.</param>
internal sealed record NotificationDelivery(string Instance, string Kind, NotifierConfig Config, IReadOnlyList<Message> Messages)
{
    /// <summary>The profile's VarOverrides that made <see cref="Config"/>; recorded in the outbox instead of the settings.</summary>
    public IReadOnlyDictionary<string, string>? Overrides { get; init; }

    /// <summary>
    /// The profile whose VarOverrides made <see cref="Config"/>: each attempt applies that profile's overrides as they
    /// are then; null when no profile applied (or the delivery was recorded without one), and then <see cref="Overrides"/> hold.
    /// </summary>
    public string? Profile { get; init; }

    /// <summary>The term the delivery was decided in; once cancelled the delivery is not attempted (any more).</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Its outbox entry, removed once the delivery has succeeded or failed for good; null when not recorded.</summary>
    public string? OutboxId { get; init; }

    /// <summary>When it was decided (its age bounds its retries).</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>Completed when the delivery is over (delivered or given up); cancelled when it was abandoned.</summary>
    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
