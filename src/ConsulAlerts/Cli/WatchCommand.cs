using System.Net.Http.Headers;
using ConsulAlerts.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Cli;

/// <summary>
/// <c>consul-alerts watch checks|event</c>: the handler that <c>consul watch</c> runs; forwards the
/// payload on stdin to the daemon.
/// </summary>
internal static class WatchCommand
{
    public static async Task<int> RunAsync(ParsedArguments arguments, CliContext context)
    {
        string addressText = arguments.Get("alert-addr") ?? StartOptionsBuilder.DefaultAlertAddress;
        if (!ListenAddress.TryParse(addressText, out var address, out var error))
        {
            throw new CommandLineException($"invalid --alert-addr '{addressText}': {error}");
        }

        var level = LogLevel.Warning;
        if (arguments.Get("log-level") is { } levelText && !LogLevelNames.TryParse(levelText, out level))
        {
            throw new CommandLineException($"invalid --log-level '{levelText}': expected {LogLevelNames.Expected}");
        }

        // The daemon's API token, when it has one: option first, then the environment (as for start).
        string? token = arguments.Get("api-token") ?? context.Environment.Get(StartOptionsBuilder.ApiTokenVariable);
        if (token is not null && StartOptionsBuilder.ApiTokenError(token) is { } tokenError)
        {
            throw new CommandLineException(
                arguments.Get("api-token") is null ? $"invalid {StartOptionsBuilder.ApiTokenVariable}: {tokenError}" : $"invalid --api-token: {tokenError}",
                arguments.Get("api-token") is null ? ExitCodes.Config : ExitCodes.Usage);
        }

        string path = arguments.Target == "checks" ? "/v1/process/checks" : "/v1/process/events";
        var url = new Uri($"http://{address.ClientAuthority}{path}");

        using var payload = new MemoryStream();
        await context.Stdin.CopyToAsync(payload, context.Shutdown);

        using var handler = new SocketsHttpHandler { UseProxy = false };
        using var client = new HttpClient(handler) { Timeout = context.WatchTimeout };
        using var content = new ByteArrayContent(payload.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, context.Shutdown);
        }
        catch (HttpRequestException ex)
        {
            await context.Stderr.WriteLineAsync($"consul-alerts: the consul-alerts daemon is not reachable at {address.ClientAuthority}: {ex.Message}");
            return ExitCodes.DaemonUnreachable;
        }
        catch (TaskCanceledException) when (!context.Shutdown.IsCancellationRequested)
        {
            await context.Stderr.WriteLineAsync(
                $"consul-alerts: the consul-alerts daemon at {address.ClientAuthority} did not answer within {context.WatchTimeout.TotalSeconds:0.#} s");
            return ExitCodes.DaemonUnreachable;
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                if (level <= LogLevel.Debug)
                {
                    await context.Stderr.WriteLineAsync($"consul-alerts: posted {payload.Length} bytes to {url}: {(int)response.StatusCode}");
                }

                return ExitCodes.Success;
            }

            string body = (await response.Content.ReadAsStringAsync(context.Shutdown)).Trim();
            if (body.Length > 1000)
            {
                body = body[..1000] + "...";
            }

            await context.Stderr.WriteLineAsync(
                $"consul-alerts: the daemon at {url} answered {(int)response.StatusCode} {response.ReasonPhrase}{(body.Length > 0 ? ": " + body : "")}");
            return ExitCodes.Failure;
        }
    }
}
