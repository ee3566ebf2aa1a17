using ConsulAlerts.Configuration;

namespace ConsulAlerts.Notifications.Pipeline;

/// <summary>
/// Implemented by an <see cref="INotifier"/> whose configuration sets its own retries (pagerduty's <c>max-retry</c>
/// and <c>retry-base-interval</c>). Other notifiers use the pipeline's <see cref="RetryPolicy"/>.
/// </summary>
internal interface IRetryPolicySource
{
    /// <summary>The policy for an instance with settings <paramref name="config"/>, derived from <paramref name="defaults"/>.</summary>
    RetryPolicy RetryPolicyFor(NotifierConfig config, RetryPolicy defaults);
}
