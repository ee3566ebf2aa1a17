using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Tests.Notifications.Testing;

/// <summary>
/// A Kestrel server on 127.0.0.1 (a free port) standing in for a vendor: records every request (method, path with
/// query, headers, body) and answers with <see cref="Status"/> and <see cref="ResponseHeaders"/>, or, for a path given
/// to <see cref="Handle"/>, with that path's handler.
/// </summary>
internal sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<ReceivedRequest> _requests = [];
    private readonly Dictionary<string, Func<ReceivedRequest, HttpResponse, Task>> _handlers = new(StringComparer.Ordinal);

    private LoopbackReceiver(WebApplication app) => _app = app;

    /// <summary>The status every request is answered with.</summary>
    public int Status { get; set; } = 200;

    /// <summary>Headers added to every response.</summary>
    public Dictionary<string, string> ResponseHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The one request received (fails when there were none or several).</summary>
    public ReceivedRequest Single() => Requests.ShouldHaveSingleItem();

    /// <summary>
    /// Answers requests to <paramref name="path"/> (the path alone, without the query) with <paramref name="handler"/>
    /// instead of <see cref="Status"/>; the request is recorded first, as any other.
    /// </summary>
    public void Handle(string path, Func<ReceivedRequest, HttpResponse, Task> handler)
    {
        lock (_gate)
        {
            _handlers[path] = handler;
        }
    }

    /// <summary>A URL on this receiver.</summary>
    public string Url(string pathAndQuery) => new Uri(BaseUrl, pathAndQuery).ToString();

    public static async Task<LoopbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new LoopbackReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.BaseUrl = new Uri(address);
        return receiver;
    }

    /// <summary>A loopback URL where nothing listens (the connection is refused).</summary>
    public static string RefusingUrl(string pathAndQuery)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}{pathAndQuery}";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body);
        Func<ReceivedRequest, HttpResponse, Task>? handler;
        lock (_gate)
        {
            _requests.Add(request);
            _handlers.TryGetValue(context.Request.Path.Value ?? "", out handler);
        }

        if (handler is not null)
        {
            await handler(request, context.Response);
            return;
        }

        foreach (var (name, value) in ResponseHeaders)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.StatusCode = Status;
    }
}
