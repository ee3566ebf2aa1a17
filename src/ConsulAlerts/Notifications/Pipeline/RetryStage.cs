using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications.Pipeline;

/// <summary>
/// Makes attempts (each through <see cref="TimeoutStage"/>) until a delivery succeeds, fails in a way not worth
/// retrying, or runs out of its <see cref="RetryPolicy"/>; waits with <see cref="RetryBackoff"/> between attempts.
/// Every attempt is counted in <see cref="NotificationStats"/>; the first failure of a delivery and its final outcome
/// are logged, the attempts in between only at debug level, so a dead endpoint does not flood the log.
/// </summary>
internal sealed class RetryStage(NotificationStats stats, TimeProvider timeProvider, ILogger logger, Func<double>? jitter = null)
{
    private readonly Func<double> _jitter = jitter ?? Random.Shared.NextDouble;

    /// <param name="notifier">Delivers the attempts.</param>
    /// <param name="delivery">What to deliver; its <see cref="NotificationDelivery.Created"/> bounds its age.</param>
    /// <param name="policy">Attempts, waits and age limit.</param>
    /// <param name="timeout">The limit of one attempt.</param>
    /// <param name="attemptToken">Cancels an attempt under way (term over, shutdown deadline).</param>
    /// <param name="waitToken">Cancels waiting for the next attempt (also at the start of a shutdown).</param>
    /// <returns><see cref="DeliveryOutcome.Delivered"/> or <see cref="DeliveryOutcome.Failed"/>.</returns>
    /// <exception cref="OperationCanceledException">A token was cancelled: the outcome is <see cref="DeliveryOutcome.Abandoned"/>.</exception>
    public async Task<DeliveryOutcome> RunAsync(
        INotifier notifier,
        NotificationDelivery delivery,
        RetryPolicy policy,
        TimeSpan timeout,
        CancellationToken attemptToken,
        CancellationToken waitToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(policy);
        var count = delivery.Messages.Count;
        for (var attempt = 1; ; attempt++)
        {
            var result = await TimeoutStage.AttemptAsync(notifier, delivery, timeout, timeProvider, attemptToken);
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

            var delay = RetryBackoff.Delay(policy, attempt, result.RetryAfter, _jitter());
            if (attempt == 1)
            {
                NotificationsLog.DeliveryRetrying(logger, delivery.Instance, count, error, delay);
            }
            else
            {
                NotificationsLog.DeliveryRetryingAgain(logger, delivery.Instance, count, attempt, error, delay);
            }

            await Task.Delay(delay, timeProvider, waitToken);
        }
    }
}
