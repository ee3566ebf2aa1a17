using System.Net;
using ConsulAlerts.Api;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;

namespace ConsulAlerts.Hosting;

/// <summary>Builds and runs the daemon: Kestrel on the alert address, Serilog, the API endpoints.</summary>
internal static class DaemonHost
{
    /// <summary>Bytes of all request headers together; more is answered 431.</summary>
    public const int MaxRequestHeadersBytes = 32 * 1024;

    /// <summary>
    /// Builds the daemon; <paramref name="logOutput"/> null logs to standard error; <paramref name="limits"/> null takes
    /// <see cref="ApiLimits.Default"/>.
    /// </summary>
    public static WebApplication Build(ConsulAlertsOptions options, TextWriter? logOutput, ApiLimits? limits = null)
    {
        limits ??= ApiLimits.Default;
        ArgumentNullException.ThrowIfNull(options);
        var address = ListenAddress.Parse(options.AlertAddress, allowAnyPort: true);

        // The empty builder reads no appsettings.json or ASPNETCORE_* variables: the command line is the only input.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = ProductInfo.Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            SetLimits(kestrel.Limits, limits);
            Listen(kestrel, address);
        });
        builder.Services.AddRoutingCore();
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);

        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(DaemonLogger.Create(options.LogLevel, options.LogFormat, logOutput), dispose: true);

        builder.Services.AddConsulAlerts(options);
        builder.Services.AddApiRateLimit(limits);

        var app = builder.Build();
        app.UseApiRateLimit();
        app.MapConsulAlertsApi();
        return app;
    }

    /// <summary>
    /// Starts the daemon and runs until SIGINT/SIGTERM (handled by the host's console lifetime) or
    /// until <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <param name="app">The daemon built by <see cref="Build"/>.</param>
    /// <param name="cancellationToken">Stops the daemon.</param>
    /// <param name="started">Called once the API listens, with the address it bound (the port given for port 0).</param>
    /// <exception cref="IOException">The alert address cannot be bound (for example, it is in use).</exception>
    public static async Task RunAsync(WebApplication app, CancellationToken cancellationToken, Func<ListenAddress, Task>? started = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<ConsulAlertsOptions>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ConsulAlerts.Daemon");

        await app.StartAsync(cancellationToken);
        var bound = BoundAddress.Of(app.Services.GetRequiredService<IServer>(), options);
        LogStarted(logger, options, bound);
        if (started is not null)
        {
            await started(bound);
        }

        using var stopping = app.Lifetime.ApplicationStopping.Register(() => DaemonLog.Stopping(logger));
        await app.WaitForShutdownAsync(cancellationToken);
        DaemonLog.Stopped(logger);
    }

    private static void LogStarted(Microsoft.Extensions.Logging.ILogger logger, ConsulAlertsOptions options, ListenAddress bound)
    {
        var consul = options.Consul;
        string apiAddress = bound.ToString();
        if (logger.IsEnabled(LogLevel.Information))
        {
            var consulAddress = UrlText.StripUserInfo(consul.Address);
            DaemonLog.Started(logger, ProductInfo.Version, apiAddress, consulAddress, consul.Datacenter, options.KvPrefix);
        }

        // Whoever asked for any free port needs to learn it, so this line is written at the default level too.
        if (ListenAddress.Parse(options.AlertAddress, allowAnyPort: true).IsAnyPort)
        {
            DaemonLog.BoundAnyPort(logger, apiAddress, bound.Port);
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            string tokenSource = TokenSource(consul);
            bool httpAuthSet = !string.IsNullOrEmpty(consul.HttpAuth);
            DaemonLog.ConsulSettings(logger, consul.UseTls, consul.VerifyTls, consul.CaFile ?? "(none)", consul.ClientCertFile ?? "(none)",
                consul.TlsServerName ?? "(none)", tokenSource, httpAuthSet);
        }

        DaemonLog.WatchFlags(logger, options.WatchChecks, options.WatchEvents);
        if (string.IsNullOrEmpty(options.ApiToken) && !bound.IsLoopback)
        {
            DaemonLog.OpenApi(logger, apiAddress);
        }
    }

    // Says where the token comes from, never what it is.
    private static string TokenSource(ConsulClientOptions consul) =>
        consul.TokenFile is not null ? $"from file {consul.TokenFile}"
        : string.IsNullOrEmpty(consul.Token) ? "none (agent default)"
        : "set";

    /// <summary>
    /// The API's limits, stated here rather than left to Kestrel's defaults (they are the same), so that the README can
    /// name them: bodies of at most 1 MiB (the POST endpoints check the same limit themselves), headers of at most
    /// 32 KiB in all (431 beyond) in at most 100 fields, a request line of at most 8 KiB (414), headers within 30 s, and
    /// a body no slower than 240 bytes/s after its first 5 s (408), and at most
    /// <see cref="ApiLimits.MaxConcurrentConnections"/> connections at once.
    /// </summary>
    internal static void SetLimits(KestrelServerLimits limits, ApiLimits api)
    {
        limits.MaxConcurrentConnections = api.MaxConcurrentConnections;
        limits.MaxRequestBodySize = ProcessEndpoints.MaxBodyBytes;
        limits.MaxRequestHeadersTotalSize = MaxRequestHeadersBytes;
        limits.MaxRequestHeaderCount = 100;
        limits.MaxRequestLineSize = 8 * 1024;
        limits.RequestHeadersTimeout = TimeSpan.FromSeconds(30);
        limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
    }

    private static void Listen(KestrelServerOptions kestrel, ListenAddress address)
    {
        if (address.Host.Length == 0)
        {
            kestrel.ListenAnyIP(address.Port);
        }
        else if (address.IsLocalhost)
        {
            kestrel.ListenLocalhost(address.Port);
        }
        else if (IPAddress.TryParse(address.Host, out var ip))
        {
            kestrel.Listen(ip, address.Port);
        }
        else
        {
            // Go's net.Listen resolves a host name too; listen on every address it resolves to.
            foreach (var resolved in Dns.GetHostAddresses(address.Host))
            {
                kestrel.Listen(resolved, address.Port);
            }
        }
    }
}
