using System.Net.Http.Headers;
using System.Text;
using ConsulAlerts.Hosting;

namespace ConsulAlerts.Cli;

/// <summary>
/// A client command's connection to the running daemon's API on <c>--alert-addr</c>, with the API token from
/// <c>--api-token</c> or <c>CONSUL_ALERTS_API_TOKEN</c> (as <c>start</c> and <c>watch</c> take it). Answers come back
/// as status and text; a daemon that is not reachable ends the command with exit code 2.
/// </summary>
internal sealed class DaemonApi : IDisposable
{
    private readonly HttpClient _client;
    private readonly string? _token;
    private readonly CliContext _context;

    private DaemonApi(ListenAddress address, string? token, CliContext context)
    {
        Address = address;
        _token = token;
        _context = context;
        _client = new HttpClient(new SocketsHttpHandler { UseProxy = false })
        {
            BaseAddress = new Uri($"http://{address.ClientAuthority}/"),
            Timeout = context.WatchTimeout,
        };
    }

    public ListenAddress Address { get; }

    /// <exception cref="CommandLineException">The address or the token is invalid.</exception>
    public static DaemonApi Connect(ParsedArguments arguments, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        string addressText = arguments.Get("alert-addr") ?? StartOptionsBuilder.DefaultAlertAddress;
        if (!ListenAddress.TryParse(addressText, out var address, out var error))
        {
            throw new CommandLineException($"invalid --alert-addr '{addressText}': {error}");
        }

        string? token = arguments.Get("api-token") ?? context.Environment.Get(StartOptionsBuilder.ApiTokenVariable);
        if (token is not null && StartOptionsBuilder.ApiTokenError(token) is { } tokenError)
        {
            throw new CommandLineException(
                arguments.Get("api-token") is null ? $"invalid {StartOptionsBuilder.ApiTokenVariable}: {tokenError}" : $"invalid --api-token: {tokenError}",
                arguments.Get("api-token") is null ? ExitCodes.Config : ExitCodes.Usage);
        }

        return new DaemonApi(address, string.IsNullOrEmpty(token) ? null : token, context);
    }

    /// <summary>Sends one request; null (after a message on stderr) when the daemon cannot be reached.</summary>
    public async Task<(int Status, string Body)?> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (_token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        }

        try
        {
            using var response = await _client.SendAsync(request, _context.Shutdown);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(_context.Shutdown));
        }
        catch (HttpRequestException ex)
        {
            await _context.Stderr.WriteLineAsync($"consul-alerts: the consul-alerts daemon is not reachable at {Address.ClientAuthority}: {ex.Message}");
            return null;
        }
        catch (TaskCanceledException) when (!_context.Shutdown.IsCancellationRequested)
        {
            await _context.Stderr.WriteLineAsync(
                $"consul-alerts: the consul-alerts daemon at {Address.ClientAuthority} did not answer within {_context.WatchTimeout.TotalSeconds:0.#} s");
            return null;
        }
    }

    public void Dispose() => _client.Dispose();
}
