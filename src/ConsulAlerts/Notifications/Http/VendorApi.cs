using System.Diagnostics.CodeAnalysis;

namespace ConsulAlerts.Notifications.Http;

/// <summary>
/// What the incident-management notifiers (pagerduty, opsgenie, jsm, victorops, ilert, hipchat) share: an API path on a
/// configurable base URL, the stable key of a check, and one request per message with the outcomes combined.
/// </summary>
internal static class VendorApi
{
    /// <summary>
    /// The endpoint <paramref name="path"/> (may carry a query) on <paramref name="baseUrl"/>, or on
    /// <paramref name="defaultBaseUrl"/> when unset. A base URL may have a path of its own; its query is dropped.
    /// </summary>
    public static bool TryEndpoint(string? baseUrl, string defaultBaseUrl, string path, [NotNullWhen(true)] out Uri? url, [NotNullWhen(false)] out string? error)
    {
        if (!NotifierHttp.TryParseUrl(baseUrl ?? defaultBaseUrl, out var parsed, out _))
        {
            url = null;
            error = "base-url is not an absolute http or https URL";
            return false;
        }

        url = Append(parsed, path);
        error = null;
        return true;
    }

    /// <summary><paramref name="path"/> appended to the path of <paramref name="baseUrl"/> (escaped parts stay escaped).</summary>
    public static Uri Append(Uri baseUrl, string path)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(path);
        return new Uri(baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + path);
    }

    /// <summary>
    /// The key that identifies a check across its alerts, as the Go daemon's pagerduty notifier builds it:
    /// <c>node:serviceID:checkID</c>, or <c>node:checkID</c> for a node check. A trigger and its resolve share it. A
    /// check of another datacenter than the agent's own is prefixed with it (<c>dc2/node:checkID</c>): node names may
    /// repeat across datacenters, and the agent's own checks keep the keys of incidents already open.
    /// </summary>
    public static string CheckKey(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = message.ServiceId.Length == 0
            ? $"{message.Node}:{message.CheckId}"
            : $"{message.Node}:{message.ServiceId}:{message.CheckId}";
        return message.FromOtherDatacenter ? $"{message.Datacenter}/{key}" : key;
    }

    /// <summary><paramref name="text"/> cut to <paramref name="max"/> characters (an ellipsis marks the cut), never inside a surrogate pair.</summary>
    public static string Truncate(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        var keep = max - 1;
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return string.Concat(text.AsSpan(0, keep), "…");
    }

    /// <summary>
    /// Sends one request per item, in order. A retryable failure stops the batch at once (the vendor is busy or
    /// unreachable, and the whole batch is tried again later: every request is idempotent by its key); a rejected
    /// request does not stop the others. The result is the first failure, its text prefixed by the item's label.
    /// </summary>
    public static async Task<NotifyResult> SendEachAsync<T>(
        IReadOnlyList<T> items, Func<T, string> label, Func<T, CancellationToken, Task<NotifyResult>> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(send);
        NotifyResult? rejected = null;
        var rejectedCount = 0;
        foreach (var item in items)
        {
            var result = await send(item, cancellationToken);
            if (result.Success)
            {
                continue;
            }

            var failed = result with { Error = $"{label(item)}: {result.Error}" };
            if (result.Retryable)
            {
                return failed;
            }

            rejectedCount++;
            rejected ??= failed;
        }

        return rejected switch
        {
            null => NotifyResult.Ok,
            { } first when rejectedCount > 1 => first with { Error = $"{first.Error} (and {rejectedCount - 1} more rejected)" },
            { } first => first,
        };
    }
}
