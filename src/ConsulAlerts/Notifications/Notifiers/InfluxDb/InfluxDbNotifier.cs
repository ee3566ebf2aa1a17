using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;

namespace ConsulAlerts.Notifications.Notifiers.InfluxDb;

/// <summary>
/// The <c>influxdb</c> notifier: writes one point per message to InfluxDB 1.x (<c>POST /write?db=&lt;database&gt;</c>,
/// line protocol, nanosecond timestamps). Measurement <c>series-name</c>; tags <c>node</c>, <c>service</c>,
/// <c>check</c>, <c>status</c> (empty ones left out, as InfluxDB rejects empty tag values); fields <c>value</c>
/// (passing 0, warning 1, critical 2, anything else 3), <c>output</c> and <c>notes</c>; time: the message's timestamp.
/// HTTP basic authentication when <c>username</c> is set. Any 2xx (InfluxDB answers 204) is success.
/// </summary>
internal sealed class InfluxDbNotifier(IHttpClientFactory clients, TimeProvider timeProvider) : INotifier
{
    public const string NotifierName = "influxdb";

    public string Name => NotifierName;

    public async Task<NotifyResult> NotifyAsync(IReadOnlyList<Message> messages, NotifierConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var settings = InfluxDbNotifierConfig.From(config);
        if (settings.Database is null)
        {
            return NotifyResult.Failed("no database configured", retryable: false);
        }

        if (!Uri.TryCreate(settings.Host, UriKind.Absolute, out var host) || (host.Scheme != Uri.UriSchemeHttp && host.Scheme != Uri.UriSchemeHttps))
        {
            return NotifyResult.Failed("host is not an http or https URL", retryable: false);
        }

        var url = WriteUrl(host, settings.Database);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Lines(messages, settings.SeriesName)));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (settings.Username is { } username)
        {
            // A header rather than u/p query parameters: URLs end up in proxies' and servers' logs.
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{settings.Password}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", token);
        }

        return await NotifierHttp.SendAsync(clients, request, timeProvider, cancellationToken);
    }

    /// <summary><c>&lt;host&gt;/write?db=&lt;database&gt;&amp;precision=ns</c>, keeping a path prefix of the host URL (a proxy's).</summary>
    internal static Uri WriteUrl(Uri host, string database)
    {
        var builder = new UriBuilder(host)
        {
            Path = host.AbsolutePath.TrimEnd('/') + "/write",
            Query = "db=" + Uri.EscapeDataString(database) + "&precision=ns",
        };
        return builder.Uri;
    }

    /// <summary>One line-protocol point per message, each ending with a newline.</summary>
    internal static string Lines(IReadOnlyList<Message> messages, string seriesName)
    {
        var text = new StringBuilder();
        foreach (var message in messages)
        {
            text.Append(EscapeMeasurement(seriesName));
            Tag(text, "node", message.Node);
            Tag(text, "service", message.Service);
            Tag(text, "check", message.Check);
            Tag(text, "status", message.Status);
            text.Append(" value=").Append(Value(message.Status).ToString(CultureInfo.InvariantCulture)).Append('i')
                .Append(",output=").Append(QuoteField(message.Output))
                .Append(",notes=").Append(QuoteField(message.Notes));
            if (message.Timestamp > DateTimeOffset.UnixEpoch)
            {
                var nanoseconds = (message.Timestamp.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
                text.Append(' ').Append(nanoseconds.ToString(CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The numeric status: passing 0, warning 1, critical 2, anything else 3.</summary>
    internal static int Value(string status) => status switch
    {
        CheckStatus.Passing => 0,
        CheckStatus.Warning => 1,
        CheckStatus.Critical => 2,
        _ => 3,
    };

    /// <summary>A measurement: commas and spaces escaped; line breaks, which no escape allows, become spaces.</summary>
    internal static string EscapeMeasurement(string name) => Escape(name, escapeEquals: false);

    /// <summary>A tag key or value: commas, equals signs and spaces escaped; line breaks become spaces.</summary>
    internal static string EscapeTag(string text) => Escape(text, escapeEquals: true);

    /// <summary>A string field value: double-quoted, with double quotes and backslashes escaped.</summary>
    internal static string QuoteField(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static void Tag(StringBuilder text, string key, string value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            text.Append(',').Append(key).Append('=').Append(EscapeTag(value));
        }
    }

    private static string Escape(string text, bool escapeEquals)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\r' or '\n':
                    builder.Append("\\ ");
                    break;
                case ',' or ' ':
                    builder.Append('\\').Append(c);
                    break;
                case '=' when escapeEquals:
                    builder.Append("\\=");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        // A trailing backslash would escape the separator that follows, and InfluxDB has no escape for it: it is
        // followed by an escaped space instead, so the value ends with a space where the backslash was.
        return builder.Length > 0 && builder[^1] == '\\' ? builder.Append(' ').ToString() : builder.ToString();
    }
}
