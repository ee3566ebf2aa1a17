using ConsulAlerts.Hosting;

namespace ConsulAlerts.Cli;

/// <summary>
/// <c>consul-alerts healthcheck</c>: asks the daemon at <c>--alert-addr</c> for <c>/healthz</c>; exit 0 when it
/// answers 2xx. For container health checks, where images carry no curl.
/// </summary>
internal static class HealthCheckCommand
{
    public static async Task<int> RunAsync(ParsedArguments arguments, CliContext context)
    {
        string addressText = arguments.Get("alert-addr") ?? StartOptionsBuilder.DefaultAlertAddress;
        if (!ListenAddress.TryParse(addressText, out var address, out var error))
        {
            throw new CommandLineException($"invalid --alert-addr '{addressText}': {error}");
        }

        var url = new Uri($"http://{address.ClientAuthority}/healthz");
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = context.WatchTimeout };
        try
        {
            using var response = await client.GetAsync(url, context.Shutdown);
            if (response.IsSuccessStatusCode)
            {
                return ExitCodes.Success;
            }

            await context.Stderr.WriteLineAsync($"consul-alerts: {url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            return ExitCodes.Failure;
        }
        catch (HttpRequestException ex)
        {
            await context.Stderr.WriteLineAsync($"consul-alerts: the consul-alerts daemon is not reachable at {address.ClientAuthority}: {ex.Message}");
            return ExitCodes.DaemonUnreachable;
        }
        catch (TaskCanceledException) when (!context.Shutdown.IsCancellationRequested)
        {
            await context.Stderr.WriteLineAsync($"consul-alerts: {url} did not answer within {context.WatchTimeout.TotalSeconds:0.#} s");
            return ExitCodes.DaemonUnreachable;
        }
    }
}
