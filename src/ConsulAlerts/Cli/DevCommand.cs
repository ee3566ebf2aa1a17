using System.Globalization;
using ConsulAlerts.Consul;
using ConsulAlerts.Demo;
using ConsulAlerts.DevAgent;
using ConsulAlerts.Hosting;

namespace ConsulAlerts.Cli;

/// <summary>
/// <c>consul-alerts dev</c>: a one-command demo. Starts the in-memory dev agent, registers three demo services whose
/// checks flap on a schedule, writes a demo configuration (log notifier, 5 s change-threshold, a profile with
/// reminders) and runs the daemon against it in the same process until SIGINT/SIGTERM.
/// </summary>
internal static class DevCommand
{
    public const int DefaultConsulPort = 8500;
    public const string DefaultAlertAddress = "127.0.0.1:9000";
    public const string NotificationLogName = "notifications.log";

    /// <summary>The folder, under the temporary directory (TMPDIR), where the demo writes its notifications.</summary>
    public const string DemoFolderName = "consul-alerts-dev";

    public static async Task<int> RunAsync(ParsedArguments arguments, CliContext context)
    {
        int consulPort = DefaultConsulPort;
        if (arguments.Get("consul-port") is { } portText
            && (!int.TryParse(portText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out consulPort) || consulPort > 65535))
        {
            throw new CommandLineException($"invalid --consul-port '{portText}': expected a number from 0 to 65535 (0 picks a free port)");
        }

        string alertText = arguments.Get("alert-addr") ?? DefaultAlertAddress;
        if (!ListenAddress.TryParse(alertText, out var alertAddress, out var alertError, allowAnyPort: true))
        {
            throw new CommandLineException($"invalid --alert-addr '{alertText}': {alertError}");
        }

        string levelText = arguments.Get("log-level") ?? "info";
        if (!LogLevelNames.TryParse(levelText, out var logLevel))
        {
            throw new CommandLineException($"invalid --log-level '{levelText}': expected {LogLevelNames.Expected}");
        }

        string formatText = arguments.Get("log-format") ?? "text";
        if (!LogFormatNames.TryParse(formatText, out var logFormat))
        {
            throw new CommandLineException($"invalid --log-format '{formatText}': expected {LogFormatNames.Expected}");
        }

        if (await RunningDaemonProbe.FindOccupantAsync(alertAddress, context.Shutdown) is { } occupant)
        {
            await context.Stderr.WriteLineAsync($"consul-alerts: {occupant}");
            return ExitCodes.Failure;
        }

        string demoDirectory = Path.Combine(context.TempDirectory ?? Path.GetTempPath(), DemoFolderName);
        Directory.CreateDirectory(demoDirectory);
        string notificationLog = Path.Combine(demoDirectory, NotificationLogName);
        File.Delete(notificationLog); // each demo starts with an empty log

        DevAgentServer agent;
        try
        {
            agent = await DevAgentServer.StartAsync(new DevAgentOptions { Port = consulPort }, context.Shutdown);
        }
        catch (IOException ex)
        {
            await context.Stderr.WriteLineAsync($"consul-alerts: cannot start the dev agent on 127.0.0.1:{consulPort}: {ex.Message}");
            return ExitCodes.Failure;
        }

        await using (agent)
        {
            string consulAddress = $"127.0.0.1:{agent.Port}";
            var daemonOptions = new ConsulAlertsOptions
            {
                AlertAddress = alertAddress.ToString(),
                LogLevel = logLevel,
                LogFormat = logFormat,
                KvPrefix = DemoSetup.KvPrefix,
                Consul = new ConsulClientOptions { Address = consulAddress },
                // A demo stopped and started again should not wait for an old lock.
                LeaderLockDelay = TimeSpan.Zero,
            };

            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false })
            {
                BaseAddress = agent.Address,
                Timeout = TimeSpan.FromSeconds(10),
            };
            using var consul = ConsulClient.Create(daemonOptions.Consul);
            var seeder = new DemoSeeder(http, consul);
            await seeder.WriteConfigurationAsync(DemoSetup.KvPrefix, notificationLog, context.Shutdown);
            var flapper = new DemoFlapper(seeder, DemoSetup.Checks, TimeProvider.System, context.Stderr);
            long startedAt = TimeProvider.System.GetTimestamp();
            await flapper.RegisterAsync(context.Shutdown);

            using var stopDemo = CancellationTokenSource.CreateLinkedTokenSource(context.Shutdown);
            var flapping = flapper.RunAsync(startedAt, stopDemo.Token);
            try
            {
                // After the daemon has started, so the banner names the port it was given for port 0.
                return await RunDaemonAsync(daemonOptions, alertAddress, context, bound => PrintBannerAsync(context.Stdout, bound, notificationLog, consulAddress));
            }
            finally
            {
                await stopDemo.CancelAsync();
                await flapping;
            }
        }
    }

    private static async Task<int> RunDaemonAsync(
        ConsulAlertsOptions options, ListenAddress alertAddress, CliContext context, Func<ListenAddress, Task> started)
    {
        await using var app = DaemonHost.Build(options, context.LogOutput);
        try
        {
            await DaemonHost.RunAsync(app, context.Shutdown, started);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException)
        {
            await context.Stderr.WriteLineAsync($"consul-alerts: cannot listen on {alertAddress}: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (context.Shutdown.IsCancellationRequested)
        {
            // Stopped while starting: a clean shutdown.
        }

        return ExitCodes.Success;
    }

    private static async Task PrintBannerAsync(TextWriter stdout, ListenAddress alertAddress, string notificationLog, string consulAddress)
    {
        string api = alertAddress.ClientAuthority;
        var checks = DemoSetup.Checks;
        await stdout.WriteLineAsync($"""
            consul-alerts dev: a demo Consul agent, three flapping services and the daemon, in one process.

              Dashboard and API   http://{api}/   (status: http://{api}/v1/status)
              Notifications       {notificationLog}   (tail -f it)
              Consul (dev agent)  http://{consulAddress}/   (KV prefix {DemoSetup.KvPrefix}/)

              Services: {string.Join(", ", checks.Select(c => $"{c.ServiceId} ({c.BadStatus} {c.BadFrom.TotalSeconds:0}-{c.BadUntil.TotalSeconds:0} s of every {c.Period.TotalSeconds:0} s)"))}
              A status is notified after holding for {DemoSetup.ChangeThresholdSeconds} s; the first notification comes within seconds.

            Press Ctrl-C to stop.
            """);
        await stdout.FlushAsync();
    }
}
