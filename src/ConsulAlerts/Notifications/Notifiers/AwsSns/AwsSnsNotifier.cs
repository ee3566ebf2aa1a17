using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Aws;
using ConsulAlerts.Notifications.Http;
using ConsulAlerts.Notifications.Summary;
using ConsulAlerts.Notifications.Templates;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications.Notifiers.AwsSns;

/// <summary>
/// The <c>awssns</c> notifier: one SNS <c>Publish</c> per batch through the Query API (a form POST signed with AWS
/// Signature Version 4, service <c>sns</c>) to <c>topic-arn</c>. Subject as the Go daemon's:
/// <c>CRITICAL--Fail: 1, Warn: 0, Pass: 0</c>; message: the Go default (<c>node:service:check is status.</c> per
/// message) or the Go template file at <c>template</c>, rendered with HTML escaping like Go's html/template. A broken
/// template is logged with its line and column and the default message is sent instead. Credentials come from the AWS
/// SDK's default chain (<see cref="AwsCredentialResolver"/>); the request is signed by <see cref="SigV4Signer"/>.
/// </summary>
internal sealed partial class AwsSnsNotifier : INotifier, IDisposable
{
    public const string NotifierName = "awssns";

    /// <summary>The SNS Query API version.</summary>
    public const string ApiVersion = "2010-03-31";

    /// <summary>The Go daemon's default message template.</summary>
    internal const string DefaultTemplateText =
        "\n{{ range $name, $checks := .Nodes }}{{ range $check := $checks }}{{ $name }}:{{$check.Service}}:{{$check.Check}} is {{$check.Status}}.{{ end }}{{ end }}";

    /// <summary>SNS subjects must be shorter than 100 characters.</summary>
    internal const int MaxSubjectLength = 99;

    /// <summary>
    /// The most message bytes sent: SNS rejects messages over 256 KiB (262,144 bytes, attributes included) for good,
    /// so a longer body is cut, leaving room for the marker.
    /// </summary>
    internal const int MaxMessageBytes = 256_000;

    internal const string TruncatedMarker = "\n[truncated]";

    /// <summary>How much of an error response is read to find its error code.</summary>
    private const int MaxErrorBody = 64 * 1024;

    private static readonly GoTemplate DefaultTemplate = GoTemplate.Parse("default", DefaultTemplateText, GoTemplateOptions.Html);

    /// <summary>Error codes with which AWS asks to slow down: worth a retry.</summary>
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "Throttled", "ThrottledException", "RequestLimitExceeded", "TooManyRequestsException",
    };

    private readonly IHttpClientFactory _clients;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<AwsSnsNotifier> _logger;
    private readonly AwsCredentialResolver _credentials;
    private readonly Func<string, string?> _environment;

    public AwsSnsNotifier(IHttpClientFactory clients, TimeProvider timeProvider, ILogger<AwsSnsNotifier> logger)
        : this(clients, timeProvider, logger, AwsCredentialResolver.CreateDefault(), Environment.GetEnvironmentVariable)
    {
    }

    /// <param name="clients">The HTTP clients.</param>
    /// <param name="timeProvider">The clock the requests are signed with.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="credentials">Where the credentials come from (owned: disposed with the notifier).</param>
    /// <param name="environment">Reads an environment variable, for the region fallback.</param>
    internal AwsSnsNotifier(
        IHttpClientFactory clients, TimeProvider timeProvider, ILogger<AwsSnsNotifier> logger, AwsCredentialResolver credentials, Func<string, string?> environment)
    {
        _clients = clients;
        _timeProvider = timeProvider;
        _logger = logger;
        _credentials = credentials;
        _environment = environment;
    }

    public string Name => NotifierName;

    public void Dispose() => _credentials.Dispose();

    public async Task<NotifyResult> NotifyAsync(IReadOnlyList<Message> messages, NotifierConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var settings = AwsSnsNotifierConfig.From(config, _environment);
        if (settings.TopicArn is null)
        {
            return NotifyResult.Failed("no topic-arn configured", retryable: false);
        }

        if (settings.Region is null)
        {
            return NotifyResult.Failed("no region configured (region key, AWS_REGION or AWS_DEFAULT_REGION)", retryable: false);
        }

        if (!RegionName().IsMatch(settings.Region))
        {
            return NotifyResult.Failed("region is not an AWS region name", retryable: false);
        }

        Uri url;
        if (settings.BaseUrl is null)
        {
            url = new Uri($"https://sns.{settings.Region}.amazonaws.com/");
        }
        else if (!NotifierHttp.TryParseUrl(settings.BaseUrl, out url!, out var urlError))
        {
            return NotifyResult.Failed("base-url: " + urlError, retryable: false);
        }

        var (credentials, credentialsFailure) = await _credentials.ResolveAsync(cancellationToken);
        if (credentials is null)
        {
            return credentialsFailure!.Value;
        }

        var form = Form(settings.TopicArn, Subject(messages), Truncate(Body(messages, settings)));
        using var request = SignedRequest(url, form, credentials, settings.Region, _timeProvider.GetUtcNow());
        var result = await SendAsync(request, cancellationToken);
        if (result.Success)
        {
            AwsSnsLog.Published(_logger, messages.Count, settings.TopicArn);
        }

        return result;
    }

    /// <summary>The Go daemon's subject: <c>&lt;SYSTEM STATUS&gt;--Fail: n, Warn: n, Pass: n</c>, made fit for SNS.</summary>
    internal static string Subject(IReadOnlyList<Message> messages)
    {
        var summary = BatchSummary.From(messages);
        return SanitizeSubject($"{summary.SystemStatus}--{summary.Counts()}");
    }

    /// <summary>
    /// What SNS accepts as a subject: printable ASCII (anything else becomes <c>?</c>, line breaks a space), not
    /// starting with a space, shorter than 100 characters.
    /// </summary>
    internal static string SanitizeSubject(string subject)
    {
        var builder = new StringBuilder(Math.Min(subject.Length, MaxSubjectLength));
        foreach (var c in subject)
        {
            if (builder.Length == MaxSubjectLength)
            {
                break;
            }

            builder.Append(c switch
            {
                '\r' or '\n' or '\t' => ' ',
                >= ' ' and <= '~' => c,
                _ => '?',
            });
        }

        var text = builder.ToString().Trim();
        return text.Length == 0 ? "consul-alerts" : text;
    }

    /// <summary>The message: the template file rendered, or the default template when none is set or it fails.</summary>
    internal string Body(IReadOnlyList<Message> messages, AwsSnsNotifierConfig settings)
    {
        var data = TemplateData.From(settings.ClusterName, messages);
        if (settings.Template is { } path)
        {
            try
            {
                return GoTemplate.Parse(Path.GetFileName(path), File.ReadAllText(path), GoTemplateOptions.Html).Execute(data);
            }
            catch (GoTemplateException ex)
            {
                AwsSnsLog.TemplateFailed(_logger, path, ex.Line, ex.Column, ex.Detail);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                AwsSnsLog.TemplateUnreadable(_logger, path, ex is FileNotFoundException or DirectoryNotFoundException ? "not found" : ex.GetType().Name);
            }
        }

        return DefaultTemplate.Execute(data);
    }

    /// <summary>The message cut to <see cref="MaxMessageBytes"/> UTF-8 bytes (on a character boundary), marked as cut.</summary>
    internal static string Truncate(string message)
    {
        if (Encoding.UTF8.GetByteCount(message) <= MaxMessageBytes)
        {
            return message;
        }

        var budget = MaxMessageBytes - Encoding.UTF8.GetByteCount(TruncatedMarker);
        var length = 0;
        var bytes = 0;
        foreach (var rune in message.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > budget)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            length += rune.Utf16SequenceLength;
        }

        return message[..length] + TruncatedMarker;
    }

    /// <summary>The <c>Publish</c> form, parameters sorted by name, RFC 3986 percent-encoded.</summary>
    internal static string Form(string topicArn, string subject, string message) =>
        string.Join('&', new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["Action"] = "Publish",
            ["Message"] = message,
            ["Subject"] = subject,
            ["TopicArn"] = topicArn,
            ["Version"] = ApiVersion,
        }.Select(p => SigV4Signer.Encode(p.Key) + "=" + SigV4Signer.Encode(p.Value)));

    /// <summary>The POST of <paramref name="form"/> to <paramref name="url"/>, signed for SNS at <paramref name="now"/>.</summary>
    internal static HttpRequestMessage SignedRequest(Uri url, string form, AwsCredentials credentials, string region, DateTimeOffset now)
    {
        const string contentType = "application/x-www-form-urlencoded; charset=utf-8";
        var body = Encoding.UTF8.GetBytes(form);
        var host = SigV4Signer.HostHeader(url);
        var signable = new SigV4Request("POST", host, Uri.UnescapeDataString(url.AbsolutePath), SigV4Signer.ParseQuery(url.Query),
            [new("content-type", contentType)], body);
        var signature = SigV4Signer.Sign(signable, credentials, region, "sns", now);

        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation("X-Amz-Date", signature.AmzDate);
        if (credentials.SessionToken is { } token)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", token);
        }

        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        return request;
    }

    /// <summary>
    /// The error code of an AWS Query API error response (<c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code&gt;</c>), or null.
    /// Only a code of letters, digits and dots is returned: it goes into error texts, the rest of the body does not.
    /// </summary>
    internal static string? ErrorCode(string body)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Code")
                {
                    var code = reader.ReadElementContentAsString().Trim();
                    return ErrorCodeText().IsMatch(code) ? code : null;
                }
            }
        }
        catch (XmlException)
        {
        }

        return null;
    }

    private async Task<NotifyResult> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var client = _clients.CreateClient(NotifierHttp.ClientName);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var result = HttpStatusClassifier.Classify(response, _timeProvider.GetUtcNow());
            if (result.Success)
            {
                return result;
            }

            var code = ErrorCode(await ReadLimitedAsync(response, cancellationToken));
            if (code is null)
            {
                return result;
            }

            var error = string.Create(CultureInfo.InvariantCulture, $"{result.Error} ({code})");
            // SNS answers throttling with 400 Throttling as well as 429: both are worth a later attempt.
            var retryable = result.Retryable || ThrottlingCodes.Contains(code);
            return NotifyResult.Failed(error, retryable) with { RetryAfter = result.RetryAfter };
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return HttpStatusClassifier.Classify(ex);
        }
        catch (HttpRequestException ex)
        {
            return HttpStatusClassifier.Classify(ex);
        }
        catch (IOException ex)
        {
            return HttpStatusClassifier.Classify(ex);
        }
    }

    private static async Task<string> ReadLimitedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return "";
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxErrorBody];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z0-9]+)+-[0-9]+$")]
    private static partial Regex RegionName();

    [GeneratedRegex("^[A-Za-z0-9.]{1,64}$")]
    private static partial Regex ErrorCodeText();
}
