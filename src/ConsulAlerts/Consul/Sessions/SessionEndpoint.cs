using System.Net;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Consul.Queries;

namespace ConsulAlerts.Consul.Sessions;

/// <summary><c>/v1/session/*</c> (docs/ARCHITECTURE.md, "Consul's API").</summary>
internal sealed class SessionEndpoint(ConsulTransport transport)
{
    /// <summary>Creates a session and returns its ID.</summary>
    public async Task<string> CreateAsync(SessionOptions? session = null, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        session ??= new SessionOptions();
        var body = new SessionCreateBody
        {
            Name = session.Name,
            Node = session.Node,
            LockDelay = session.LockDelay is { } delay ? FormatDuration(delay) : null,
            Behavior = session.Behavior == SessionBehavior.Delete ? "delete" : "release",
            Ttl = session.Ttl is { } ttl ? FormatDuration(ttl) : null,
            Checks = session.NodeChecks is { Count: 0 } ? [] : null,
            NodeChecks = session.NodeChecks,
            ServiceChecks = session.ServiceChecks is { Count: > 0 } checks ? [.. checks.Select(id => new SessionServiceCheck(id))] : null,
        };
        var request = new ConsulRequest(HttpMethod.Put, "v1/session/create")
        {
            Datacenter = options?.Datacenter,
            Body = ConsulJson.Write(body, ConsulJsonContext.Default.SessionCreateBody),
            ContentType = "application/json",
        };
        var response = await transport.SendAsync(request, cancellationToken);
        var created = ConsulJson.Read(request, response, ConsulJsonContext.Default.SessionCreated);
        if (string.IsNullOrEmpty(created?.Id))
        {
            throw new ConsulException(ConsulErrorKind.Http, "PUT", "/v1/session/create", response.StatusCode, "the answer carried no session ID", isRetryable: false);
        }

        return created.Id;
    }

    /// <summary>Renews a session; the answer's TTL may be larger than asked and sets the next interval.</summary>
    /// <exception cref="ConsulSessionNotFoundException">The session expired or was destroyed.</exception>
    public async Task<SessionEntry> RenewAsync(string sessionId, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = new ConsulRequest(HttpMethod.Put, $"v1/session/renew/{ConsulPaths.Segment(sessionId, nameof(sessionId))}")
        {
            Datacenter = options?.Datacenter,
            AcceptedStatuses = [HttpStatusCode.NotFound],
        };
        var response = await transport.SendAsync(request, cancellationToken);
        var entries = response.StatusCode == HttpStatusCode.NotFound ? null : ConsulJson.Read(request, response, ConsulJsonContext.Default.SessionEntryArray);
        if (entries is not [var entry, ..])
        {
            var detail = response.StatusCode == HttpStatusCode.NotFound
                ? ConsulErrorClassifier.Redact(System.Text.Encoding.UTF8.GetString(response.Body.Span), transport.Secrets)
                : "the answer carried no session";
            throw new ConsulSessionNotFoundException("PUT", transport.BuildUri(request).AbsolutePath, sessionId, detail);
        }

        return entry;
    }

    /// <summary>Destroys a session; idempotent (an unknown ID also succeeds).</summary>
    public async Task<bool> DestroyAsync(string sessionId, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = new ConsulRequest(HttpMethod.Put, $"v1/session/destroy/{ConsulPaths.Segment(sessionId, nameof(sessionId))}")
        {
            Datacenter = options?.Datacenter,
        };
        var response = await transport.SendAsync(request, cancellationToken);
        return ConsulJson.ReadBool(response);
    }

    /// <summary>A session's details; null when it does not exist (the server answers <c>[]</c>).</summary>
    public async Task<QueryResult<SessionEntry?>> InfoAsync(string sessionId, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = new ConsulRequest(HttpMethod.Get, $"v1/session/info/{ConsulPaths.Segment(sessionId, nameof(sessionId))}") { Query = options };
        var response = await transport.SendAsync(request, cancellationToken);
        var entries = ConsulJson.Read(request, response, ConsulJsonContext.Default.SessionEntryArray);
        return new QueryResult<SessionEntry?>(entries is [var entry, ..] ? entry : null, response.Meta);
    }

    // Whole seconds read best in server logs; anything finer goes as milliseconds.
    private static string FormatDuration(TimeSpan value) =>
        value.Ticks % TimeSpan.TicksPerSecond == 0 && value >= TimeSpan.Zero
            ? $"{(long)value.TotalSeconds}s"
            : GoDuration.ToMilliseconds(value);
}
