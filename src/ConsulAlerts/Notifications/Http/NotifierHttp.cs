using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ConsulAlerts.Notifications.Http;

/// <summary>What every HTTP notifier shares: the named client, URL checks and posting JSON.</summary>
internal static class NotifierHttp
{
    /// <summary>The <see cref="IHttpClientFactory"/> client every HTTP notifier uses (pooled connections, no request logging).</summary>
    public const string ClientName = "notifiers";

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    /// <summary>
    /// Checks a configured URL. Errors never quote it: a webhook URL is the credential.
    /// </summary>
    public static bool TryParseUrl(string? text, [NotNullWhen(true)] out Uri? url, [NotNullWhen(false)] out string? error)
    {
        url = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "no url configured";
            return false;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            error = "url is not an absolute http or https URL";
            return false;
        }

        url = parsed;
        error = null;
        return true;
    }

    /// <summary>The JSON body of <paramref name="payload"/>, UTF-8, source-generated.</summary>
    public static ByteArrayContent JsonContent<T>(T payload, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(payload, typeInfo));
        content.Headers.ContentType = Json;
        return content;
    }

    /// <summary>
    /// Sends <paramref name="request"/> and classifies the outcome. Cancellation of <paramref name="cancellationToken"/>
    /// (the delivery's timeout or shutdown) propagates; the client's own timeout is a retryable failure.
    /// </summary>
    public static async Task<NotifyResult> SendAsync(IHttpClientFactory clients, HttpRequestMessage request, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var client = clients.CreateClient(ClientName);
        try
        {
            // Headers are enough to classify; the body is not read (it may echo the request, secrets included).
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return HttpStatusClassifier.Classify(response, timeProvider.GetUtcNow());
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

    /// <summary>POSTs <paramref name="payload"/> as JSON to <paramref name="url"/>.</summary>
    public static async Task<NotifyResult> PostJsonAsync<T>(IHttpClientFactory clients, Uri url, T payload, JsonTypeInfo<T> typeInfo, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent(payload, typeInfo) };
        return await SendAsync(clients, request, timeProvider, cancellationToken);
    }
}
