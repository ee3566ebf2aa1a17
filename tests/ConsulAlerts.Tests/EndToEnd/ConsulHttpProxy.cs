using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// An HTTP proxy on 127.0.0.1 in front of the dev agent that forwards every request (blocking reads included) and
/// answers 500 instead when <see cref="FailWhen"/> says so for a request's method, path and body: a Consul that fails
/// one particular write, such as the second transaction of a batch.
/// </summary>
internal sealed class ConsulHttpProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _agent;
    private int _failed;

    private ConsulHttpProxy(WebApplication app, Uri agent)
    {
        _app = app;
        _agent = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = agent, Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Decides, per request (method, path, body), whether to answer 500; null forwards everything.</summary>
    public Func<string, string, string, bool>? FailWhen { get; set; }

    /// <summary>Requests answered with the fault so far.</summary>
    public int Failed => Volatile.Read(ref _failed);

    public int Port { get; private set; }

    public static async Task<ConsulHttpProxy> StartAsync(Uri agent)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, 0);
            options.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var proxy = new ConsulHttpProxy(app, agent);
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        proxy.Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _agent.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var path = context.Request.Path.Value ?? "/";
        if (FailWhen is { } fail && fail(context.Request.Method, path, System.Text.Encoding.UTF8.GetString(body)))
        {
            Interlocked.Increment(ref _failed);
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("rpc error: leadership lost while committing log", context.RequestAborted);
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(context.Request.Path + context.Request.QueryString, UriKind.Relative));
        if (body.Length > 0 || context.Request.ContentLength is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (context.Request.ContentType is { } type)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        try
        {
            using var response = await _agent.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            context.Abort();
        }
    }
}
