using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.DevAgent;
using ConsulAlerts.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Tests.Hosting;

public sealed class ConsulAlertsServiceCollectionExtensionsTests
{
    [Fact]
    public void AddConsulAlerts_Options_RegistersOptionsClockAndLogging()
    {
        var options = new ConsulAlertsOptions { Consul = new ConsulClientOptions { Address = "consul:8500" } };

        using var provider = new ServiceCollection().AddConsulAlerts(options).BuildServiceProvider();

        provider.GetRequiredService<ConsulAlertsOptions>().ShouldBeSameAs(options);
        provider.GetRequiredService<ConsulClientOptions>().ShouldBeSameAs(options.Consul);
        provider.GetRequiredService<TimeProvider>().ShouldBeSameAs(TimeProvider.System);
        provider.GetRequiredService<ILoggerFactory>().ShouldNotBeNull();
    }

    [Fact]
    public async Task AddConsulAlerts_ConsulClient_ReachesTheConfiguredAgentWithTheToken()
    {
        await using var agent = await DevAgentServer.StartAsync(new DevAgentOptions { RequiredToken = "s3cret" });
        var options = new ConsulAlertsOptions
        {
            Consul = new ConsulClientOptions { Address = $"127.0.0.1:{agent.Port}", Token = "s3cret" },
        };

        using var provider = new ServiceCollection().AddConsulAlerts(options).BuildServiceProvider();
        var client = provider.GetRequiredService<ConsulClient>();

        provider.GetRequiredService<ConsulClient>().ShouldBeSameAs(client);
        (await client.Status.LeaderAsync()).ShouldNotBeNullOrEmpty();
        await client.Kv.PutAsync("registration-test/key", "v"u8.ToArray());
        (await client.Kv.GetAsync("registration-test/key")).Value.ShouldNotBeNull();
    }

    [Fact]
    public async Task AddConsulAlerts_Scripts_RunWithoutTheDaemonsTokenAndWithItRedacted()
    {
        var options = new ConsulAlertsOptions { Consul = new ConsulClientOptions { Address = "127.0.0.1:1", Token = "acl-token-of-the-daemon" } };
        await using var provider = new ServiceCollection().AddConsulAlerts(options).BuildServiceProvider();

        var notifiers = provider.GetRequiredService<ConsulAlerts.Notifications.Notifiers.Custom.CustomNotifierOptions>().Environment;
        var handlers = provider.GetRequiredService<ConsulAlerts.Events.EventHandlerRunnerOptions>().Environment;

        notifiers.ShouldBeSameAs(handlers);
        notifiers.SecretsNow().ShouldBe(["acl-token-of-the-daemon"]);
        var environment = new Dictionary<string, string?> { ["CONSUL_HTTP_TOKEN"] = "acl-token-of-the-daemon", ["HOME"] = "/root" };
        notifiers.Apply(environment);
        environment.Keys.ShouldBe(["HOME"]);
    }

    [Fact]
    public async Task AddConsulAlerts_WholeDaemon_ResolvesWithoutCycles()
    {
        var options = new ConsulAlertsOptions { Consul = new ConsulClientOptions { Address = "127.0.0.1:1" } };
        await using var provider = new ServiceCollection().AddConsulAlerts(options).BuildServiceProvider();

        // The tracker, the router and reminders refer to each other; resolving must neither throw nor hang.
        var resolve = Task.Run(() =>
        {
            var hosted = provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>().ToList();
            return (hosted, provider.GetRequiredService<ConsulAlerts.Checks.ICheckView>(), provider.GetRequiredService<ConsulAlerts.Checks.IDecisionSink>());
        });
        var (services, view, sink) = await resolve.WaitAsync(TimeSpan.FromSeconds(30));

        services.Select(s => s.GetType().Name).ShouldBe(["ConfigWatcher", "LeaderElection", "SilenceWatcher", "SilenceRetention", "EngineService"]);
        view.ShouldNotBeNull();
        sink.ShouldNotBeNull();
    }

    [Fact]
    public void AddConsulAlerts_ClockAlreadyRegistered_KeepsIt()
    {
        var clock = new FakeTimeProvider();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(clock);

        using var provider = services.AddConsulAlerts(new ConsulAlertsOptions()).BuildServiceProvider();

        provider.GetRequiredService<TimeProvider>().ShouldBeSameAs(clock);
    }

    [Fact]
    public void AddConsulAlerts_InvalidAlertAddress_Throws()
    {
        Should.Throw<ArgumentException>(() => new ServiceCollection().AddConsulAlerts(new ConsulAlertsOptions { AlertAddress = "no-port" }))
            .Message.ShouldContain("no-port");
    }

    [Fact]
    public void AddConsulAlerts_NullArguments_Throw()
    {
        Should.Throw<ArgumentNullException>(() => new ServiceCollection().AddConsulAlerts(null!));
        Should.Throw<ArgumentNullException>(() => ConsulAlertsServiceCollectionExtensions.AddConsulAlerts(null!, new ConsulAlertsOptions()));
    }

    [Fact]
    public void ConsulAlertsOptions_Defaults_MatchTheGoDaemon()
    {
        var options = new ConsulAlertsOptions();

        options.AlertAddress.ShouldBe("localhost:9000");
        options.LogLevel.ShouldBe(LogLevel.Warning);
        options.KvPrefix.ShouldBe("consul-alerts");
        options.Consul.Address.ShouldBe("localhost:8500");
        options.Consul.Datacenter.ShouldBe("dc1");
    }

    [Fact]
    public void ConsulAlertsOptions_ToString_HidesToken()
    {
        var options = new ConsulAlertsOptions { Consul = new ConsulClientOptions { Token = "s3cret-token" } };

        options.ToString().ShouldNotContain("s3cret-token");
    }
}
