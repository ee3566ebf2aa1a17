using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// A webhook receiver on 127.0.0.1 whose health a test switches: answering 200, answering 500, or hanging (never
/// answering until it recovers, when hung requests are aborted). Records every request with the status it got and,
/// when <see cref="IdentifySender"/> is set, who sent it.
/// </summary>
internal sealed class FlakyReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<Received> _requests = [];
    private readonly Dictionary<string, string?> _senders = [];
    private CancellationTokenSource _recovered = new();
    private Mode _mode = Mode.Ok;

    private FlakyReceiver(WebApplication app) => _app = app;

    public enum Mode
    {
        Ok,
        Fail,
        Hang,
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Names the sender of a request from its client port (once per connection); null leaves it unknown.</summary>
    public Func<int, string?>? IdentifySender { get; set; }

    public IReadOnlyList<Received> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public string Url(string path) => new Uri(BaseUrl, path).ToString();

    public static async Task<FlakyReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new FlakyReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return receiver;
    }

    public void Set(Mode mode)
    {
        CancellationTokenSource? release = null;
        lock (_gate)
        {
            if (_mode == Mode.Hang && mode != Mode.Hang)
            {
                release = _recovered;
                _recovered = new CancellationTokenSource();
            }

            _mode = mode;
        }

        release?.Cancel();
        release?.Dispose();
    }

    /// <summary>How many times the check's message was answered 200 (the webhook body is the Message array).</summary>
    public int Accepted(string checkId, string status) =>
        Requests.Where(r => r.Status == 200).SelectMany(r => r.Messages).Count(m => m.CheckId == checkId && m.Status == status);

    public int Attempts(string checkId) => Requests.Count(r => r.Messages.Any(m => m.CheckId == checkId));

    public async ValueTask DisposeAsync()
    {
        Set(Mode.Ok);
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var sender = Sender(context.Connection);
        Mode mode;
        CancellationToken recovered;
        lock (_gate)
        {
            mode = _mode;
            recovered = _recovered.Token;
        }

        var status = mode == Mode.Ok ? 200 : mode == Mode.Fail ? 500 : 0;
        lock (_gate)
        {
            _requests.Add(new Received(DateTime.UtcNow, context.Request.Path, status, Parse(body)) { Sender = sender, Body = body });
        }

        if (mode == Mode.Hang)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(recovered, context.RequestAborted).Token);
            }
            catch (OperationCanceledException)
            {
            }

            context.Abort();
            return;
        }

        context.Response.StatusCode = status;
    }

    private string? Sender(ConnectionInfo connection)
    {
        if (IdentifySender is not { } identify)
        {
            return null;
        }

        lock (_gate)
        {
            if (_senders.TryGetValue(connection.Id, out var known))
            {
                return known;
            }
        }

        // Asked while the connection is open, so the sending socket still exists; kept for the connection's later requests.
        var sender = identify(connection.RemotePort);
        lock (_gate)
        {
            _senders[connection.Id] = sender;
        }

        return sender;
    }

    private static List<(string CheckId, string Status, string Output)> Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return document.RootElement.EnumerateArray()
                .Select(m => (m.GetProperty("CheckId").GetString() ?? "", m.GetProperty("Status").GetString() ?? "", m.GetProperty("Output").GetString() ?? ""))
                .ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>One request: when, where, the status it was answered with (0 when it hung) and the messages it carried.</summary>
    internal sealed record Received(DateTime At, string Path, int Status, IReadOnlyList<(string CheckId, string Status, string Output)> Messages)
    {
        /// <summary>Who sent it, when <see cref="IdentifySender"/> could tell.</summary>
        public string? Sender { get; init; }

        /// <summary>The request's body as sent.</summary>
        public string Body { get; init; } = "";
    }
}
