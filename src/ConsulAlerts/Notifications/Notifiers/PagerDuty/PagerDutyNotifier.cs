using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;
using ConsulAlerts.Notifications.Pipeline;

namespace ConsulAlerts.Notifications.Notifiers.PagerDuty;

/// <summary>
/// The <c>pagerduty</c> notifier: one PagerDuty Events API v2 event per message (<c>POST {base-url}/v2/enqueue</c>):
/// <c>trigger</c> for a critical or warning check (severity <c>critical</c> or <c>warning</c>), <c>resolve</c> for a
/// passing one, both with the dedup key <c>node[:serviceID]:checkID</c> so that the resolve closes the trigger's
/// incident. PagerDuty answers 202; 429 and 5xx are retryable, 400 (an invalid event or key) is not.
/// Its retries follow <c>max-retry</c> and <c>retry-base-interval</c> (<see cref="RetryPolicyFor"/>).
/// </summary>
internal sealed class PagerDutyNotifier(IHttpClientFactory clients, TimeProvider timeProvider) : INotifier, IRetryPolicySource
{
    public const string NotifierName = "pagerduty";

    public const string DefaultBaseUrl = "https://events.pagerduty.com";

    internal const int MaxSummaryChars = 1024;

    /// <summary>PagerDuty's limit on a dedup key.</summary>
    internal const int MaxDedupKeyChars = 255;

    public string Name => NotifierName;

    public Task<NotifyResult> NotifyAsync(IReadOnlyList<Message> messages, NotifierConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var settings = PagerDutyNotifierConfig.From(config);
        if (settings.ServiceKey is null)
        {
            return Task.FromResult(NotifyResult.Failed("no service-key configured", retryable: false));
        }

        if (!VendorApi.TryEndpoint(settings.BaseUrl, DefaultBaseUrl, "/v2/enqueue", out var url, out var error))
        {
            return Task.FromResult(NotifyResult.Failed(error, retryable: false));
        }

        var events = messages.Select(m => Event(m, settings)).OfType<PagerDutyEvent>().ToList();
        return VendorApi.SendEachAsync(
            events,
            e => $"{e.EventAction} {e.DedupKey}",
            (e, ct) => NotifierHttp.PostJsonAsync(clients, url, e, PagerDutyJsonContext.Default.PagerDutyEvent, timeProvider, ct),
            cancellationToken);
    }

    /// <summary>
    /// The Go daemon's <c>max-retry</c> counts retries after the first attempt (gopherduty retries while
    /// <c>retries &lt; MaxRetry</c>), so it allows <c>max-retry + 1</c> attempts; <c>0</c> means a single attempt.
    /// <c>retry-base-interval</c> (seconds) is the first wait, doubling after each retry as in Go; the longest wait is
    /// raised to it when longer than the default's. Unset keys keep <paramref name="defaults"/>.
    /// </summary>
    public RetryPolicy RetryPolicyFor(NotifierConfig config, RetryPolicy defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var settings = PagerDutyNotifierConfig.From(config);
        var policy = defaults;
        if (settings.MaxRetry is { } retries)
        {
            policy = policy with { MaxAttempts = retries == int.MaxValue ? int.MaxValue : retries + 1 };
        }

        if (settings.RetryBaseInterval is { } seconds)
        {
            var delay = TimeSpan.FromSeconds(seconds);
            policy = policy with { BaseDelay = delay, MaxDelay = delay > policy.MaxDelay ? delay : policy.MaxDelay };
        }

        return policy;
    }

    /// <summary>The event for a message, or null for a status PagerDuty has no action for.</summary>
    internal static PagerDutyEvent? Event(Message message, PagerDutyNotifierConfig settings)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(settings);
        var routingKey = settings.ServiceKey ?? "";
        var dedupKey = VendorApi.Truncate(VendorApi.CheckKey(message), MaxDedupKeyChars);
        var (severity, state) = message.Status switch
        {
            CheckStatus.Critical => ("critical", "is CRITICAL"),
            CheckStatus.Warning => ("warning", "is UNSTABLE"),
            CheckStatus.Passing => (null, "is now HEALTHY"),
            _ => ((string?)null, (string?)null),
        };
        if (state is null)
        {
            return null;
        }

        if (severity is null)
        {
            return new PagerDutyEvent(routingKey, "resolve", dedupKey);
        }

        var payload = new PagerDutyEventPayload(VendorApi.Truncate($"{Subject(message)} {state}", MaxSummaryChars), message.Node, severity)
        {
            Timestamp = message.Timestamp == DateTimeOffset.MinValue ? null : message.Timestamp,
            Component = message.Service.Length == 0 ? null : message.Service,
            Class = message.Check.Length == 0 ? null : message.Check,
            CustomDetails = new PagerDutyCustomDetails(
                message.Node, message.ServiceId, message.Service, message.CheckId, message.Check, message.Status, message.Output, message.Notes),
        };
        return new PagerDutyEvent(routingKey, "trigger", dedupKey)
        {
            Payload = payload,
            Client = settings.ClientName,
            ClientUrl = settings.ClientUrl,
        };
    }

    /// <summary>What is failing, as the Go daemon names it: <c>node[:service][:check]</c>.</summary>
    private static string Subject(Message message)
    {
        var subject = message.Node;
        if (message.Service.Length > 0)
        {
            subject += ":" + message.Service;
        }

        if (message.Check.Length > 0)
        {
            subject += ":" + message.Check;
        }

        return subject;
    }
}
