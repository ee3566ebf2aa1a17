using ConsulAlerts.Configuration;

namespace ConsulAlerts.Notifications;

/// <summary>
/// A kind of notifier (log, email, slack, custom, ...). One instance serves every configuration of its kind: the
/// dispatcher passes, per delivery, the notifier's KV settings with the profile's VarOverrides already applied.
/// </summary>
internal interface INotifier
{
    /// <summary>
    /// The built-in notifier name it serves (<c>log</c>, <c>email</c>, ...), the key under <c>notifiers/</c>; or
    /// <see cref="Notifiers.Custom.CustomNotifier.KindName"/> for the runner of custom notifier executables.
    /// </summary>
    string Name { get; }

    /// <summary>
    /// Delivers one batch. Expected failures (unreachable endpoint, bad response, non-zero exit) are returned as a
    /// failed <see cref="NotifyResult"/>, never thrown; cancellation of <paramref name="cancellationToken"/> (the
    /// delivery's timeout or shutdown) may surface as <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <param name="messages">The messages for this notifier, in order; never empty.</param>
    /// <param name="config">Its effective settings: <see cref="NotifierConfig.Name"/> is the instance name (a custom notifier's own name).</param>
    /// <param name="cancellationToken">Cancelled at the delivery's timeout or at shutdown.</param>
    Task<NotifyResult> NotifyAsync(IReadOnlyList<Message> messages, NotifierConfig config, CancellationToken cancellationToken);
}
