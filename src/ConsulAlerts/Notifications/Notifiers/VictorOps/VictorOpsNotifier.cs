using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;

namespace ConsulAlerts.Notifications.Notifiers.VictorOps;

/// <summary>
/// The <c>victorops</c> notifier: one alert per message to the VictorOps (Splunk On-Call) REST integration,
/// <c>POST {base-url}/{api-key}/{routing-key}</c>, with message type <c>CRITICAL</c>, <c>WARNING</c> or
/// <c>RECOVERY</c> and an entity id per check, so that the recovery resolves the incident. The endpoint URL holds
/// the API key, so no error names it.
/// </summary>
internal sealed class VictorOpsNotifier(IHttpClientFactory clients, TimeProvider timeProvider) : INotifier
{
    public const string NotifierName = "victorops";

    public const string DefaultBaseUrl = "https://alert.victorops.com/integrations/generic/20131114/alert";

    public const string MonitoringTool = "consul";

    public string Name => NotifierName;

    public Task<NotifyResult> NotifyAsync(IReadOnlyList<Message> messages, NotifierConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var settings = VictorOpsNotifierConfig.From(config);
        if (settings.ApiKey is null)
        {
            return Task.FromResult(NotifyResult.Failed("no api-key configured", retryable: false));
        }

        if (settings.RoutingKey is null)
        {
            return Task.FromResult(NotifyResult.Failed("no routing-key configured", retryable: false));
        }

        var path = $"/{Uri.EscapeDataString(settings.ApiKey)}/{Uri.EscapeDataString(settings.RoutingKey)}";
        if (!VendorApi.TryEndpoint(settings.BaseUrl, DefaultBaseUrl, path, out var url, out var error))
        {
            return Task.FromResult(NotifyResult.Failed(error, retryable: false));
        }

        var events = messages.Select(m => Event(m)).OfType<VictorOpsEvent>().ToList();
        return VendorApi.SendEachAsync(
            events,
            e => $"{e.MessageType} {e.EntityId}",
            (e, ct) => NotifierHttp.PostJsonAsync(clients, url, e, VictorOpsJsonContext.Default.VictorOpsEvent, timeProvider, ct),
            cancellationToken);
    }

    /// <summary>The alert for a message, or null for a status VictorOps has no message type for.</summary>
    internal static VictorOpsEvent? Event(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var messageType = message.Status switch
        {
            CheckStatus.Critical => "CRITICAL",
            CheckStatus.Warning => "WARNING",
            CheckStatus.Passing => "RECOVERY",
            _ => null,
        };
        if (messageType is null)
        {
            return null;
        }

        // VictorOps puts the display name in every page, so the state message does not repeat it (as in Go).
        var displayName = message.Service.Length == 0 ? $"{message.Node}:{message.Check}" : $"{message.Node}:{message.Service}:{message.Check}";
        return new VictorOpsEvent(
            messageType,
            VendorApi.CheckKey(message),
            displayName,
            $"{messageType}: {message.Notes}\n{message.Output}",
            MonitoringTool,
            message.Timestamp == DateTimeOffset.MinValue ? null : message.Timestamp.ToUnixTimeSeconds())
        {
            HostName = message.Node,
            MonitorName = message.Check,
            ConsulNode = message.Node,
            ConsulService = message.Service.Length == 0 ? null : message.Service,
            ConsulServiceId = message.ServiceId.Length == 0 ? null : message.ServiceId,
            ConsulCheck = message.Check,
            ConsulCheckId = message.CheckId,
        };
    }
}
