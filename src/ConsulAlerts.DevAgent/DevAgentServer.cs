using System.Net;
using ConsulAlerts.DevAgent.Events;
using ConsulAlerts.DevAgent.Http;
using ConsulAlerts.DevAgent.Raft;
using ConsulAlerts.DevAgent.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.DevAgent;

/// <summary>An in-memory, Consul-compatible HTTP agent for tests and the dev demo.</summary>
/// <remarks>
/// In-process: <c>await using var agent = await DevAgentServer.StartAsync();</c>. As a command:
/// <c>await DevAgentServer.RunAsync(options, onStarted, cancellationToken)</c> serves until the token is cancelled.
/// </remarks>
public sealed class DevAgentServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly AgentRuntime _runtime;
    private int _disposed;

    private DevAgentServer(WebApplication app, AgentRuntime runtime, Uri address)
    {
        _app = app;
        _runtime = runtime;
        Address = address;
    }

    /// <summary>Base address, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri Address { get; }

    /// <summary>The port the agent listens on.</summary>
    public int Port => Address.Port;

    /// <summary>Fault switches for tests; also reachable over HTTP at <c>/_dev/faults</c>.</summary>
    public DevAgentFaults Faults => _runtime.Faults;

    /// <summary>The simulated server set (Raft peers) of the agent's datacenter; also reachable over HTTP at <c>/_dev/servers</c>.</summary>
    public DevServerSet Servers => _runtime.Servers;

    /// <summary>The simulated server set of one of the agent's datacenters (its own or one of <see cref="DevAgentOptions.Datacenters"/>).</summary>
    /// <exception cref="ArgumentException">The agent serves no datacenter of that name.</exception>
    public DevServerSet ServersOf(string datacenter) =>
        _runtime.Datacenters.Find(datacenter)?.Servers ?? throw new ArgumentException($"no datacenter \"{datacenter}\"", nameof(datacenter));

    /// <summary>Counts of requests received, by method and path.</summary>
    public DevAgentRequestLog Requests => _runtime.Requests;

    /// <summary>The options the agent runs with.</summary>
    public DevAgentOptions Options => _runtime.Options;

    /// <summary>Starts an agent on loopback (port 0 picks a free one).</summary>
    public static async Task<DevAgentServer> StartAsync(DevAgentOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DevAgentOptions();
        var store = new StateStore(options);
        AgentRuntime runtime;
        try
        {
            runtime = new AgentRuntime(options, store, new EventBuffer(), new DevAgentFaults(store.ResetIndexes), new DevAgentRequestLog());
        }
        catch
        {
            store.Dispose();
            throw;
        }

        var pipeline = new AgentPipeline(runtime);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        if (options.LoggerFactory is { } loggerFactory)
        {
            builder.Services.AddSingleton(loggerFactory);
        }
        else
        {
            builder.Logging.ClearProviders();
        }

        var app = builder.Build();
        app.Run(pipeline.InvokeAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            runtime.Datacenters.Dispose();
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(bound).Port;
        return new DevAgentServer(app, runtime, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>
    /// Runs an agent until <paramref name="cancellationToken"/> is cancelled (for <c>consul-alerts dev-agent --port N</c>),
    /// calling <paramref name="onStarted"/> once it listens.
    /// </summary>
    public static async Task RunAsync(DevAgentOptions? options = null, Action<DevAgentServer>? onStarted = null, CancellationToken cancellationToken = default)
    {
        await using var server = await StartAsync(options, cancellationToken);
        onStarted?.Invoke(server);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Normal shutdown.
        }
    }

    /// <summary>Stops listening and ends every blocking query.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _runtime.Shutdown.CancelAsync();
        using (var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await _app.StopAsync(stopTimeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Connections that did not close in time are dropped by DisposeAsync below.
            }
        }

        await _app.DisposeAsync();
        _runtime.Datacenters.Dispose();
        _runtime.Shutdown.Dispose();
    }
}
