namespace ConsulAlerts.Notifications.Pipeline;

/// <summary>
/// One attempt of a delivery, bounded in time: a notifier still running at the timeout is abandoned (one that ignores
/// its token keeps running in the background, but its queue moves on) and the attempt counts as a retryable failure.
/// A notifier's exception is a retryable failure named by its type only: exception messages of HTTP and SMTP clients
/// can carry URLs and credentials.
/// <para>
/// Not Polly's timeout strategy: it only cancels the token and then waits for the callback to return, so a notifier
/// ignoring its token would hold its queue for ever; abandoning it needs <see cref="Task.WaitAsync(CancellationToken)"/>.
/// </para>
/// </summary>
internal static class TimeoutStage
{
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (term over, shutdown).</exception>
    public static async Task<NotifyResult> AttemptAsync(
        INotifier notifier,
        NotificationDelivery delivery,
        TimeSpan timeout,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        ArgumentNullException.ThrowIfNull(delivery);
        using var timer = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            return await notifier.NotifyAsync(delivery.Messages, delivery.Config, linked.Token).WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return NotifyResult.Failed($"timed out after {timeout.TotalSeconds:0.###} s", retryable: true);
        }
#pragma warning disable CA1031 // A notifier's bug must not stop its queue; the failure is counted and logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return NotifyResult.Failed($"unexpected {ex.GetType().Name}", retryable: true);
        }
    }
}
