using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Tests.Consul;

/// <summary>
/// A tiny Kestrel server on 127.0.0.1 (https with a given certificate) or on a unix socket. <c>/v1/status/leader</c>
/// answers a JSON string describing what the server saw: Host header, token header and client certificate subject.
/// </summary>
internal sealed class LocalKestrelServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalKestrelServer(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>https://127.0.0.1:port, or the socket path.</summary>
    public string Address { get; }

    public static Task<LocalKestrelServer> StartHttpsAsync(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) =>
        StartAsync(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = certificate,
            ClientCertificateMode = ClientCertificateMode.AllowCertificate,
            ClientCertificateValidation = (_, _, _) => true,
        })), null);

    public static Task<LocalKestrelServer> StartUnixAsync(string socketPath) =>
        StartAsync(kestrel => kestrel.ListenUnixSocket(socketPath), socketPath);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<LocalKestrelServer> StartAsync(Action<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions> listen, string? socketPath)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(listen);
        var app = builder.Build();
        app.MapGet("/{**path}", (HttpContext context) =>
        {
            var token = context.Request.Headers["X-Consul-Token"].ToString();
            var seen = $"path={context.Request.Path};host={context.Request.Host};token={token};cert={context.Connection.ClientCertificate?.Subject}";
            return Results.Text("\"" + seen + "\"", "application/json");
        });
        await app.StartAsync();
        var address = socketPath ?? app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LocalKestrelServer(app, address);
    }
}
