using System.Diagnostics.CodeAnalysis;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;
using ConsulAlerts.Notifications.Templates;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications.Notifiers.HttpEndpoint;

/// <summary>
/// The <c>http-endpoint</c> notifier: renders each <c>payload</c> value (a Go template) with the batch's
/// <see cref="TemplateData"/> and POSTs the results as one JSON object of strings to <c>base-url + endpoint</c>.
/// The Go daemon rendered these with <c>html/template</c>, so values are HTML-escaped the same way (<c>'</c> becomes
/// <c>&amp;#39;</c>, <c>+</c> <c>&amp;#43;</c>); receivers written for it expect that. There is no built-in payload to
/// fall back to: a template that does not parse or execute is logged with its line and column and the delivery fails
/// without retry, as in the Go daemon, which sent nothing then. Without a <c>payload</c> an empty object is sent, as Go did.
/// </summary>
internal sealed class HttpEndpointNotifier(IHttpClientFactory clients, TimeProvider timeProvider, ILogger<HttpEndpointNotifier> logger) : INotifier
{
    public const string NotifierName = "http-endpoint";

    public string Name => NotifierName;

    public Task<NotifyResult> NotifyAsync(IReadOnlyList<Message> messages, NotifierConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var settings = HttpEndpointNotifierConfig.From(config);
        if (settings.Url is null)
        {
            return Task.FromResult(NotifyResult.Failed("no base-url configured", retryable: false));
        }

        if (!NotifierHttp.TryParseUrl(settings.Url, out var url, out var error))
        {
            return Task.FromResult(NotifyResult.Failed("base-url and endpoint do not make an absolute http or https URL", retryable: false));
        }

        if (settings.Error is not null)
        {
            return Task.FromResult(NotifyResult.Failed(settings.Error, retryable: false));
        }

        if (!TryRender(settings, TemplateData.From(settings.ClusterName, messages), out var body, out error))
        {
            return Task.FromResult(NotifyResult.Failed(error, retryable: false));
        }

        return NotifierHttp.PostJsonAsync(clients, url, body, HttpEndpointJsonContext.Default.SortedDictionaryStringString, timeProvider, cancellationToken);
    }

    /// <summary>Renders every payload template; the first that fails stops it (Go returned at the first error too).</summary>
    internal bool TryRender(HttpEndpointNotifierConfig settings, TemplateData data, out SortedDictionary<string, string> body, [NotNullWhen(false)] out string? error)
    {
        body = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, text) in settings.Payload)
        {
            try
            {
                // Named after the field, so the error says which value is wrong (Go named every one "base").
                body[field] = GoTemplate.Parse(field, text, GoTemplateOptions.Html).Execute(data);
            }
            catch (GoTemplateException ex)
            {
                HttpEndpointLog.TemplateFailed(logger, field, ex.Line, ex.Column, ex.Message);
                error = $"payload {field}: {ex.Message}";
                return false;
            }
        }

        error = null;
        return true;
    }
}
