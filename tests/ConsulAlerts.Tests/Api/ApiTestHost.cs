using ConsulAlerts.Api;
using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Datacenters;
using ConsulAlerts.Hosting;
using ConsulAlerts.Leadership;
using ConsulAlerts.Metrics;
using ConsulAlerts.Silences;
using ConsulAlerts.Tests.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace ConsulAlerts.Tests.Api;

/// <summary>
/// The daemon's API endpoints on a loopback port, over an in-memory check view and config store, and a leader
/// election the test supplies (by default one never started, pointing nowhere, so it reports standby).
/// </summary>
internal sealed class ApiTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConsulClient? _ownedClient;
    private readonly ConsulClient? _ownedSilenceClient;
    private readonly LeaderElection? _ownedElection;

    private ApiTestHost(WebApplication app, ConsulClient? ownedClient, LeaderElection? ownedElection, ConsulClient? ownedSilenceClient)
    {
        _app = app;
        _ownedClient = ownedClient;
        _ownedSilenceClient = ownedSilenceClient;
        _ownedElection = ownedElection;
        ConsulRequests = new ConsulRequestMetrics("consul-alerts", TimeProvider.System, Registry);
    }

    /// <summary>A client of the API on the port it was given; set once the API listens.</summary>
    public HttpClient Client { get; private set; } = null!;

    public FakeCheckView Checks { get; } = new();

    public AlertsConfigStore Config { get; } = new();

    public ProcessTriggers Triggers { get; } = new();

    /// <summary>The silences the API shows; filled by the test, or by writes through the API.</summary>
    public SilenceStore Silences { get; } = new();

    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    public ConsulRequestMetrics ConsulRequests { get; }

    /// <summary>
    /// Starts the API; <paramref name="apiToken"/> set makes the POST endpoints require it. Silences are written through
    /// <paramref name="consul"/> under <paramref name="kvPrefix"/> (by default to a Consul that is not there), on <paramref name="time"/>.
    /// </summary>
    public static async Task<ApiTestHost> StartAsync(
        LeaderElection? election = null, string? apiToken = null, ConsulClient? consul = null, string kvPrefix = "consul-alerts", TimeProvider? time = null)
    {
        ConsulClient? ownedClient = null;
        LeaderElection? ownedElection = null;
        if (election is null)
        {
            ownedClient = ConsulClient.Create(new ConsulClientOptions { Address = "http://127.0.0.1:1" });
            election = ownedElection = new LeaderElection(
                ownedClient, "consul-alerts", new LockHolder(), new LeaderElectionOptions(), NullLogger<LeaderElection>.Instance, TimeProvider.System);
        }

        var ownedSilenceClient = consul is null ? ConsulClient.Create(new ConsulClientOptions { Address = "http://127.0.0.1:1" }) : null;
        var silenceClient = consul ?? ownedSilenceClient!;
        var options = new ConsulAlertsOptions { AlertAddress = "127.0.0.1:0", KvPrefix = kvPrefix };
        time ??= TimeProvider.System;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var holder = new Holder();
        builder.Services.AddSingleton<ICheckView>(_ => holder.Host!.Checks);
        builder.Services.AddSingleton(_ => holder.Host!.Config);
        builder.Services.AddSingleton(_ => holder.Host!.Triggers);
        builder.Services.AddSingleton(election);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(new ApiAccess(apiToken));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(_ => holder.Host!.Silences);
        builder.Services.AddSingleton(provider => new SilenceWriter(
            silenceClient, options, holder.Host!.Silences, time, NullLogger<SilenceWriter>.Instance));
        var datacenters = new DatacenterStage(new RecordingSnapshotSink(), "dc1", TimeProvider.System);
        builder.Services.AddSingleton(datacenters);
        builder.Services.AddSingleton(new LocalDatacenter("dc1"));
        builder.Services.AddSingleton(_ => new DaemonMetrics(
            holder.Host!.Registry,
            holder.Host.ConsulRequests, election, holder.Host.Checks, holder.Host.Config, null, TimeProvider.System, datacenters: () => datacenters.Status));
        var app = builder.Build();
        app.MapConsulAlertsApi();
        var host = new ApiTestHost(app, ownedClient, ownedElection, ownedSilenceClient);
        holder.Host = host;
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        host.Client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _ownedElection?.Dispose();
        _ownedClient?.Dispose();
        _ownedSilenceClient?.Dispose();
        Silences.Dispose();
    }

    private sealed class Holder
    {
        public ApiTestHost? Host { get; set; }
    }
}
