using System.Collections.Concurrent;
using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;
using ConsulAlerts.Notifications.Templates;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications.Notifiers.ILert;

/// <summary>
/// The <c>ilert</c> notifier: one event per message to iLert's events API (<c>POST {base-url}/api/v1/events</c>), as
/// the Go daemon sends it: <c>ALERT</c> for a critical check, <c>RESOLVE</c> for a passing or warning one (iLert has
/// no warning state), with the incident key rendered from <c>incident-key-template</c> over the message. A template
/// that does not parse or execute is logged with its line and column, and the default key template is used.
/// </summary>
internal sealed class ILertNotifier(IHttpClientFactory clients, TimeProvider timeProvider, ILogger<ILertNotifier> logger) : INotifier
{
    public const string NotifierName = "ilert";

    public const string DefaultBaseUrl = "https://api.ilert.com";

    /// <summary>Parsed templates are kept; this many distinct texts at most (VarOverrides may vary them).</summary>
    private const int MaxCachedTemplates = 32;

    private static readonly GoTemplate DefaultTemplate = GoTemplate.Parse("IncidentKey", ILertNotifierConfig.DefaultTemplate);

    private readonly ConcurrentDictionary<string, GoTemplate> _templates = new(StringComparer.Ordinal);

    public string Name => NotifierName;

    public Task<NotifyResult> NotifyAsync(IReadOnlyList<Message> messages, NotifierConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var settings = ILertNotifierConfig.From(config);
        if (settings.ApiKey is null)
        {
            return Task.FromResult(NotifyResult.Failed("no api-key configured", retryable: false));
        }

        if (!VendorApi.TryEndpoint(settings.BaseUrl, DefaultBaseUrl, "/api/v1/events", out var url, out var error))
        {
            return Task.FromResult(NotifyResult.Failed(error, retryable: false));
        }

        var template = Template(settings.IncidentKeyTemplate);
        var events = messages.Select(m => Event(m, settings.ApiKey, IncidentKey(template, m))).OfType<ILertEvent>().ToList();
        return VendorApi.SendEachAsync(
            events,
            e => $"{e.EventType} {e.IncidentKey}",
            (e, ct) => NotifierHttp.PostJsonAsync(clients, url, e, ILertJsonContext.Default.ILertEvent, timeProvider, ct),
            cancellationToken);
    }

    /// <summary>The event for a message, or null for a status iLert has no event for.</summary>
    internal static ILertEvent? Event(Message message, string apiKey, string incidentKey)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (eventType, state) = message.Status switch
        {
            CheckStatus.Critical => ("ALERT", "is CRITICAL"),
            CheckStatus.Warning => ("RESOLVE", "is WARNING"),
            CheckStatus.Passing => ("RESOLVE", "is now HEALTHY"),
            _ => ((string?)null, (string?)null),
        };
        return eventType is null ? null : new ILertEvent(apiKey, eventType, $"{incidentKey} {state}", message.Output, incidentKey);
    }

    /// <summary>The parsed key template, or the default one (logged) when it does not parse.</summary>
    private GoTemplate Template(string text)
    {
        if (text == ILertNotifierConfig.DefaultTemplate)
        {
            return DefaultTemplate;
        }

        if (_templates.TryGetValue(text, out var cached))
        {
            return cached;
        }

        GoTemplate template;
        try
        {
            template = GoTemplate.Parse("IncidentKey", text);
        }
        catch (GoTemplateException ex)
        {
            ILertLog.TemplateInvalid(logger, ex.Line, ex.Column, ex.Message);
            template = DefaultTemplate;
        }

        if (_templates.Count >= MaxCachedTemplates)
        {
            _templates.Clear();
        }

        _templates[text] = template;
        return template;
    }

    private string IncidentKey(GoTemplate template, Message message)
    {
        // The key is sent to iLert: the template must not reach any notifier's settings.
        message = message.ForReceiver(null);
        try
        {
            return template.Execute(message);
        }
        catch (GoTemplateException ex)
        {
            ILertLog.TemplateFailed(logger, message.Node, message.CheckId, ex.Line, ex.Column, ex.Message);
            return DefaultTemplate.Execute(message);
        }
    }
}
