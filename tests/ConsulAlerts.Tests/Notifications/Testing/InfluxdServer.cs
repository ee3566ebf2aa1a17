using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ConsulAlerts.Tests.Notifications.Testing;

/// <summary>
/// A real InfluxDB 1.x server (<c>influxd</c>, Debian package <c>influxdb</c>) on loopback ports, with its data in a
/// temporary directory; with authentication on, an admin user is created first. Fails loudly when influxd is missing.
/// </summary>
internal sealed class InfluxdServer : IAsyncDisposable
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "adm1n-SECRET-pw";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly TempDirectory _directory;
    private readonly StringBuilder _output;
    private readonly HttpClient _client;

    private InfluxdServer(Process process, TempDirectory directory, StringBuilder output, Uri baseUrl, bool auth)
    {
        _process = process;
        _directory = directory;
        _output = output;
        BaseUrl = baseUrl;
        Auth = auth;
        _client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        if (auth)
        {
            _client.DefaultRequestHeaders.Authorization =
                new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AdminUser}:{AdminPassword}")));
        }
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public Uri BaseUrl { get; }

    public bool Auth { get; }

    /// <summary>Starts influxd and waits until <c>/ping</c> answers 204 (and the admin user exists, with <paramref name="auth"/>).</summary>
    public static Task<InfluxdServer> StartAsync(bool auth) => StartAsync(auth, SearchPath());

    /// <summary>Starts the influxd found in <paramref name="directories"/>.</summary>
    public static async Task<InfluxdServer> StartAsync(bool auth, IEnumerable<string> directories)
    {
        var influxd = directories.Select(d => Path.Combine(d, "influxd")).FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(
            "influxd (InfluxDB 1.x) is not installed: these tests need a real server. Install the Debian package: apt-get install -y influxdb");
        // A port picked free may be taken before influxd binds it: try again with new ports.
        for (var attempt = 1; ; attempt++)
        {
            var directory = new TempDirectory();
            var server = await TryStartAsync(influxd, directory, auth);
            if (server is not null)
            {
                return server;
            }

            directory.Dispose();
            if (attempt == 3)
            {
                throw new InvalidOperationException("influxd did not start after 3 attempts; see the test output");
            }
        }
    }

    /// <summary>Creates a database with a fresh name and returns the name.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "alerts_" + Guid.NewGuid().ToString("N")[..12];
        await QueryAsync(null, $"CREATE DATABASE \"{name}\"", post: true);
        return name;
    }

    /// <summary>Runs InfluxQL and returns the first result's first series, or null when it has none.</summary>
    public async Task<JsonElement?> SeriesAsync(string database, string query)
    {
        var root = await QueryAsync(database, query, post: false);
        var result = root.GetProperty("results")[0];
        if (result.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException("query failed: " + error.GetString());
        }

        return result.TryGetProperty("series", out var series) ? series[0] : null;
    }

    /// <summary>The rows of a series as column name → value maps.</summary>
    public static List<Dictionary<string, JsonElement>> Rows(JsonElement series)
    {
        var columns = series.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
        return series.GetProperty("values").EnumerateArray()
            .Select(row => columns.Zip(row.EnumerateArray()).ToDictionary(p => p.First, p => p.Second.Clone(), StringComparer.Ordinal))
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
        }

        _process.Dispose();
        _directory.Dispose();
    }

    private async Task<JsonElement> QueryAsync(string? database, string query, bool post)
    {
        var parameters = new List<KeyValuePair<string, string>> { new("q", query), new("epoch", "ns") };
        if (database is not null)
        {
            parameters.Add(new("db", database));
        }

        using var content = new FormUrlEncodedContent(parameters);
        using var response = post
            ? await _client.PostAsync(new Uri("query", UriKind.Relative), content)
            : await _client.GetAsync(new Uri("query?" + await content.ReadAsStringAsync(), UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"influxd answered {(int)response.StatusCode} to {query}: {body}");
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    private static async Task<InfluxdServer?> TryStartAsync(string influxd, TempDirectory directory, bool auth)
    {
        var httpPort = FreePort();
        var rpcPort = FreePort();
        var config = Path.Combine(directory.Path, "influxdb.conf");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"""
            reporting-disabled = true
            bind-address = "127.0.0.1:{rpcPort}"

            [meta]
              dir = "{directory.Path}/meta"

            [data]
              dir = "{directory.Path}/data"
              wal-dir = "{directory.Path}/wal"
              query-log-enabled = false

            [http]
              enabled = true
              bind-address = "127.0.0.1:{httpPort}"
              auth-enabled = {(auth ? "true" : "false")}
              log-enabled = false

            [monitor]
              store-enabled = false

            [continuous_queries]
              enabled = false

            [subscriber]
              enabled = false

            [logging]
              level = "warn"

            """));

        var output = new StringBuilder();
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(influxd, ["-config", config])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        void Collect(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        }

        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new InfluxdServer(process, directory, output, new Uri($"http://127.0.0.1:{httpPort}/"), auth);
        if (!await server.WaitForPingAsync())
        {
            await server.StopProcessOnlyAsync();
            return null;
        }

        if (auth)
        {
            // Allowed without credentials while the server has no user at all.
            using var anonymous = new HttpClient { BaseAddress = server.BaseUrl };
            using var create = new FormUrlEncodedContent([new("q", $"CREATE USER {AdminUser} WITH PASSWORD '{AdminPassword}' WITH ALL PRIVILEGES")]);
            using var response = await anonymous.PostAsync(new Uri("query", UriKind.Relative), create);
            response.EnsureSuccessStatusCode();
        }

        return server;
    }

    private async Task<bool> WaitForPingAsync()
    {
        var deadline = Stopwatch.StartNew();
        using var ping = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(2) };
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                Console.Error.WriteLine($"influxd exited with code {_process.ExitCode}: {Output()}");
                return false;
            }

            try
            {
                using var response = await ping.GetAsync(new Uri("ping", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"influxd did not answer /ping within {StartTimeout.TotalSeconds}s: {Output()}");
    }

    private async Task StopProcessOnlyAsync()
    {
        _client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static IEnumerable<string> SearchPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/sbin");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
