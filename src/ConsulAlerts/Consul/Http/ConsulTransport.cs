using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Queries;

namespace ConsulAlerts.Consul.Http;

/// <summary>
/// Sends <see cref="ConsulRequest"/>s: builds the URL (prefix, <c>?dc</c>, index, wait, consistency), adds the
/// token header and basic auth, bounds every request by its own timeout and maps failures to <see cref="ConsulException"/>s.
/// </summary>
internal sealed class ConsulTransport
{
    /// <summary>Added to a blocking request's timeout on top of wait × 17/16 (the server's jitter).</summary>
    public static readonly TimeSpan BlockingTimeoutMargin = TimeSpan.FromSeconds(5);

    /// <summary>The server clamps waits to <c>max_query_time</c>; a missing wait may last this long (10 min for events).</summary>
    public static readonly TimeSpan MaxServerWait = TimeSpan.FromMinutes(10);

    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly string? _datacenter;
    private readonly string? _token;
    private readonly AuthenticationHeaderValue? _basicAuth;
    private readonly string[] _secrets;
    private readonly TimeSpan _requestTimeout;

    public ConsulTransport(HttpClient http, ConsulClientOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;

        // Blocking requests outlive HttpClient's 100 s default (IHttpClientFactory clients have it too); each request has its own timeout instead.
        if (http.Timeout != Timeout.InfiniteTimeSpan)
        {
            try
            {
                http.Timeout = Timeout.InfiniteTimeSpan;
            }
            catch (InvalidOperationException)
            {
                // The client has already sent requests; its own timeout then caps blocking waits.
            }
        }

        _time = timeProvider ?? TimeProvider.System;
        Address = ConsulAddress.Parse(options.Address, options.UseTls);
        _datacenter = string.IsNullOrWhiteSpace(options.Datacenter) ? null : options.Datacenter.Trim();
        _token = ResolveToken(options);
        var auth = string.IsNullOrEmpty(options.HttpAuth) ? Address.UserInfo : options.HttpAuth;
        if (!string.IsNullOrEmpty(auth))
        {
            // "user" alone means an empty password, as in the Go client.
            var credentials = auth.Contains(':', StringComparison.Ordinal) ? auth : auth + ":";
            _basicAuth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        _secrets = new[] { _token, auth, auth?.Split(':', 2) is [_, var password] ? password : null }
            .Where(s => !string.IsNullOrEmpty(s) && s.Length >= 4)
            .Select(s => s!)
            .ToArray();
        _requestTimeout = options.RequestTimeout > TimeSpan.Zero ? options.RequestTimeout : ConsulClientOptions.DefaultRequestTimeout;
    }

    public ConsulAddress Address { get; }

    /// <summary>Whether Consul answers these requests; waiters are woken when it does again.</summary>
    public ConsulReachability Reachability { get; } = new();

    /// <summary>Token and credentials to scrub from anything that could reach a log.</summary>
    public IReadOnlyList<string> Secrets => _secrets;

    /// <summary>A blocking request may legitimately take wait × 17/16; allow that plus a margin, never less than the plain timeout.</summary>
    public static TimeSpan TimeoutFor(QueryOptions? query, TimeSpan requestTimeout)
    {
        if (query is not { WaitIndex: > 0 })
        {
            return requestTimeout;
        }

        var wait = query.WaitTime is { } w && w > TimeSpan.Zero ? w : MaxServerWait;
        var blocking = wait + (wait / 16) + BlockingTimeoutMargin;
        return blocking > requestTimeout ? blocking : requestTimeout;
    }

    public Uri BuildUri(ConsulRequest request)
    {
        var query = new StringBuilder();
        void Add(string name, string? value)
        {
            query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name));
            if (value is not null)
            {
                query.Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        var datacenter = request.Query?.Datacenter ?? request.Datacenter ?? _datacenter;
        if (!string.IsNullOrWhiteSpace(datacenter))
        {
            Add("dc", datacenter);
        }

        if (request.Query is { } q)
        {
            if (q.WaitIndex > 0)
            {
                Add("index", q.WaitIndex.ToString(CultureInfo.InvariantCulture));
            }

            if (q.WaitTime is { } wait && wait > TimeSpan.Zero)
            {
                Add("wait", GoDuration.ToMilliseconds(wait));
            }

            switch (q.Consistency)
            {
                case ConsulConsistency.Stale:
                    Add("stale", null);
                    break;
                case ConsulConsistency.Consistent:
                    Add("consistent", null);
                    break;
            }
        }

        foreach (var (name, value) in request.Parameters)
        {
            Add(name, value);
        }

        return new Uri(Address.BaseUri, request.Path + query);
    }

    /// <summary>
    /// Raised once per request that got an answer or failed, with the time it took and its error (null on success);
    /// not raised when the caller cancels. Handlers must be quick and must not throw: they run on the request's path.
    /// </summary>
    public event Action<ConsulRequest, TimeSpan, ConsulException?>? Completed;

    public async Task<ConsulResponse> SendAsync(ConsulRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _time.GetTimestamp();
        try
        {
            var response = await SendCoreAsync(request, cancellationToken);
            Reachability.Observe(null);
            Completed?.Invoke(request, _time.GetElapsedTime(started), null);
            return response;
        }
        catch (ConsulException ex)
        {
            Reachability.Observe(ex);
            Completed?.Invoke(request, _time.GetElapsedTime(started), ex);
            throw;
        }
    }

    private async Task<ConsulResponse> SendCoreAsync(ConsulRequest request, CancellationToken cancellationToken)
    {
        var uri = BuildUri(request);
        var path = uri.AbsolutePath;
        var method = request.Method.Method;
        var isRead = request.Method == HttpMethod.Get;
        var timeout = TimeoutFor(request.Query, _requestTimeout);

        using var message = new HttpRequestMessage(request.Method, uri);
        if (_token is not null)
        {
            message.Headers.TryAddWithoutValidation("X-Consul-Token", _token);
        }

        if (_basicAuth is not null)
        {
            message.Headers.Authorization = _basicAuth;
        }

        if (request.Body is { } body)
        {
            message.Content = new ReadOnlyMemoryContent(body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType ?? "application/octet-stream");
        }

        using var timeoutCts = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token);
        HttpStatusCode status;
        ReadOnlyMemory<byte> content;
        QueryMeta meta;
        TimeSpan? retryAfter;
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            status = response.StatusCode;
            meta = ReadMeta(response);
            retryAfter = response.Headers.RetryAfter?.Delta;
            if (request.BodyReader is { } bodyReader && IsAccepted(request, status))
            {
                await using var stream = await response.Content.ReadAsStreamAsync(linked.Token);
                await bodyReader(stream, linked.Token);
                content = ReadOnlyMemory<byte>.Empty;
            }
            else
            {
                content = await response.Content.ReadAsByteArrayAsync(linked.Token);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex) when (timeoutCts.IsCancellationRequested)
        {
            throw new ConsulTransportException(method, path, $"no answer within {timeout.TotalSeconds:0.#} s", isRetryable: isRead, ex) { IsTimeout = true };
        }
        catch (HttpRequestException ex)
        {
            // Nothing reached the server when the connection itself failed, so even a write may be repeated.
            var notSent = ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError;
            throw new ConsulTransportException(method, path, Describe(ex), isRetryable: isRead || notSent, ex);
        }
        catch (IOException ex)
        {
            throw new ConsulTransportException(method, path, Describe(ex), isRetryable: isRead, ex);
        }

        if (IsAccepted(request, status))
        {
            return new ConsulResponse(status, content, meta);
        }

        var text = Encoding.UTF8.GetString(content.Span);
        throw ConsulErrorClassifier.FromResponse(request.Method, path, status, text, retryAfter, _secrets);
    }

    private static bool IsAccepted(ConsulRequest request, HttpStatusCode status) =>
        ((int)status >= 200 && (int)status < 300) || request.AcceptedStatuses.Contains(status);

    public static QueryMeta ReadMeta(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        ulong index = 0;
        bool? knownLeader = null;
        TimeSpan? lastContact = null;
        if (response.Headers.TryGetValues("X-Consul-Index", out var indexValues) &&
            ulong.TryParse(indexValues.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsedIndex))
        {
            index = parsedIndex;
        }

        if (response.Headers.TryGetValues("X-Consul-KnownLeader", out var leaderValues) &&
            bool.TryParse(leaderValues.FirstOrDefault(), out var parsedLeader))
        {
            knownLeader = parsedLeader;
        }

        if (response.Headers.TryGetValues("X-Consul-LastContact", out var contactValues) &&
            ulong.TryParse(contactValues.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var contactMs))
        {
            lastContact = TimeSpan.FromMilliseconds(contactMs);
        }

        return new QueryMeta(index, knownLeader, lastContact);
    }

    private string Describe(Exception ex)
    {
        var innermost = ex;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        var text = ReferenceEquals(innermost, ex) ? ex.Message : $"{ex.Message} ({innermost.Message})";
        return ConsulErrorClassifier.Redact(text, _secrets);
    }

    private static string? ResolveToken(ConsulClientOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.TokenFile))
        {
            string text;
            try
            {
                text = File.ReadAllText(options.TokenFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"Cannot read the Consul token file '{options.TokenFile}': {ex.Message}", ex);
            }

            var fromFile = text.Trim();
            if (fromFile.Length > 0)
            {
                return fromFile;
            }
        }

        return string.IsNullOrWhiteSpace(options.Token) ? null : options.Token.Trim();
    }
}
