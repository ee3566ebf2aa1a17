using ConsulAlerts.Configuration;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications.Pipeline;

/// <summary>
/// Makes attempts (each through <see cref="TimeoutStage"/>) until a delivery succeeds, fails in a way not worth
/// retrying, or runs out of its <see cref="RetryPolicy"/>; waits with <see cref="RetryBackoff"/> between attempts.
/// Each attempt uses the notifier's settings and retry policy in force at that moment (<see cref="DeliverySettings"/>);
/// a settings change cuts the wait short, so a fixed notifier is tried again at once, and a notifier disabled or
/// removed ends the delivery. Every attempt is counted in <see cref="NotificationStats"/>; the first failure of a
/// delivery and its final outcome are logged, the attempts in between only at debug level, so a dead endpoint does not
/// flood the log.
/// <para>
/// Hand-written rather than a Polly pipeline, because Polly cannot express what a delivery needs: its waits end
/// early when the notifier's settings change (Polly's retry delay cannot be cut short from outside), each attempt
/// re-reads its settings and retry policy (Polly fixes a pipeline's options when it is built), a drain stops the
/// waits while letting an attempt under way finish (Polly has one cancellation token per execution, not separate
/// attempt and wait tokens), and a notifier that ignores its token is abandoned at its timeout (Polly's timeout is
/// cooperative only; it waits for the callee). The waits use the daemon's one backoff formula (<see cref="RetryBackoff"/>).
/// </para>
/// <para>
/// Before each attempt <c>mayAttempt</c> is asked whether this daemon may still send (the leader term's lease); a
/// leader that stalled past its lease abandons the delivery to the outbox, for whoever leads now, rather than send it.
/// </para>
/// </summary>
internal sealed class RetryStage(
    NotificationStats stats, TimeProvider timeProvider, ILogger logger, Func<double>? jitter = null, Func<bool>? mayAttempt = null, DatacenterNaming? naming = null)
{
    private const string NotifierGone = "notifier no longer enabled or configured";

    private readonly Func<double> _jitter = jitter ?? Random.Shared.NextDouble;

    /// <param name="notifier">Delivers the attempts.</param>
    /// <param name="delivery">What to deliver; its <see cref="NotificationDelivery.Created"/> bounds its age.</param>
    /// <param name="settings">The settings of each attempt.</param>
    /// <param name="defaults">The retry policy of notifiers that do not set their own.</param>
    /// <param name="timeout">The limit of one attempt.</param>
    /// <param name="attemptToken">Cancels an attempt under way (term over, shutdown deadline).</param>
    /// <param name="waitToken">Cancels waiting for the next attempt (also at the start of a shutdown).</param>
    /// <returns><see cref="DeliveryOutcome.Delivered"/> or <see cref="DeliveryOutcome.Failed"/>.</returns>
    /// <exception cref="OperationCanceledException">A token was cancelled, or the term's lease ran out: the outcome is <see cref="DeliveryOutcome.Abandoned"/>.</exception>
    public async Task<DeliveryOutcome> RunAsync(
        INotifier notifier,
        NotificationDelivery delivery,
        DeliverySettings settings,
        RetryPolicy defaults,
        TimeSpan timeout,
        CancellationToken attemptToken,
        CancellationToken waitToken)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(defaults);
        var count = delivery.Messages.Count;
        var backoff = 0;
        for (var attempt = 1; ; attempt++)
        {
            var config = settings.Current(delivery);
            if (config is null)
            {
                var at = timeProvider.GetUtcNow();
                stats.RecordDropped(delivery.Instance, count, NotifierGone, at);
                DeliveryHistory.Of(stats).Record(delivery, DeliveryHistoryOutcome.Failed, NotifierGone, attempt - 1, at);
                PipelineLog.NotifierGone(logger, delivery.Instance, count, attempt - 1);
                return DeliveryOutcome.Failed;
            }

            if (mayAttempt is not null && !mayAttempt())
            {
                attemptToken.ThrowIfCancellationRequested();
                throw new OperationCanceledException("the leader term's lease ran out");
            }

            var policy = notifier is IRetryPolicySource source ? source.RetryPolicyFor(config, defaults) : defaults;
            var sent = delivery with { Config = config, Messages = (naming ?? DatacenterNaming.Default).Stamp(delivery.Messages) };
            var result = await TimeoutStage.AttemptAsync(notifier, sent, timeout, timeProvider, attemptToken);
            var now = timeProvider.GetUtcNow();
            if (result.Success)
            {
                stats.RecordDelivered(delivery.Instance, count, now);
                DeliveryHistory.Of(stats).Record(delivery, DeliveryHistoryOutcome.Delivered, null, attempt, now);
                if (attempt > 1)
                {
                    NotificationsLog.DeliveredAfterRetries(logger, delivery.Instance, count, attempt);
                }
                else
                {
                    NotificationsLog.Delivered(logger, delivery.Instance, count);
                }

                return DeliveryOutcome.Delivered;
            }

            var error = result.Error ?? "failed";
            var outOfAttempts = policy.MaxAttempts is { } max && attempt >= max;
            var tooOld = now - delivery.Created >= policy.MaxAge;
            var retry = result.Retryable && !outOfAttempts && !tooOld;
            stats.RecordFailedAttempt(delivery.Instance, count, error, now, retry);
            DeliveryHistory.Of(stats).Record(delivery, retry ? DeliveryHistoryOutcome.Retrying : DeliveryHistoryOutcome.Failed, error, attempt, now);
            if (!retry)
            {
                var why = !result.Retryable ? "not retryable" : outOfAttempts ? "no attempts left" : "too old";
                NotificationsLog.DeliveryGivenUp(logger, delivery.Instance, count, attempt, why, error);
                return DeliveryOutcome.Failed;
            }

            var delay = RetryBackoff.Delay(policy, ++backoff, result.RetryAfter, _jitter());
            if (attempt == 1)
            {
                NotificationsLog.DeliveryRetrying(logger, delivery.Instance, count, error, delay);
            }
            else
            {
                NotificationsLog.DeliveryRetryingAgain(logger, delivery.Instance, count, attempt, error, delay);
            }

            if (await WaitAsync(delay, settings, delivery, config, waitToken))
            {
                // New settings deserve a fresh start, not the backoff the old ones earned.
                PipelineLog.SettingsChanged(logger, delivery.Instance, count);
                backoff = 0;
            }
        }
    }

    /// <summary>Waits <paramref name="delay"/>, or less when the delivery's settings change; true when they did.</summary>
    private async Task<bool> WaitAsync(TimeSpan delay, DeliverySettings settings, NotificationDelivery delivery, NotifierConfig used, CancellationToken cancellationToken)
    {
        var elapsed = Task.Delay(delay, timeProvider, cancellationToken);
        while (true)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var changed = settings.NextChangeAsync(stop.Token);
            if (await Task.WhenAny(elapsed, changed) == elapsed)
            {
                await stop.CancelAsync();
                await elapsed;
                return false;
            }

            await changed;
            if (!DeliverySettings.Same(settings.Current(delivery), used))
            {
                return true;
            }
        }
    }
}
