using System.Net;
using System.Net.Sockets;
using System.Text;
using ConsulAlerts.Api;
using ConsulAlerts.Tests.Cli;
using ConsulAlerts.Tests.Testing;
using CsCheck;

namespace ConsulAlerts.Tests.Api;

/// <summary>
/// Fuzz target: the API on the daemon's own host (Kestrel's limits, the rate limiter, the real endpoints) over raw
/// sockets, so requests reach it exactly as generated: garbage, invalid UTF-8, deeply nested and oversized bodies on
/// <c>/v1/process/*</c>, hostile query strings on <c>/v1/health*</c>, and many parallel and slow connections. Every
/// answer is a 2xx or a 4xx, a rejection by an endpoint says why, and the daemon keeps answering.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class ApiFuzzTests : IAsyncLifetime, IDisposable
{
    // Generated requests come far faster than any watch handler: the rate limit has its own tests.
    private static readonly ApiLimits Limits = ApiLimits.Default with { WriteBurst = int.MaxValue / 2, WriteRefill = int.MaxValue / 2 };

    private static readonly Gen<byte[]> Body = Gen.Frequency(
        (3, Gen.Byte.Array[0, 512]),
        (2, TextGen.Text(200).Select(TextGen.Utf8)),
        (2, Gen.OneOf("[]", "[{}]", "[1,", "{}", "null", "[\"\\ud800\"]", "[\"a\"]\u0000", "\uFEFF[]", " [ ] ", "[]]", "[] []").Select(TextGen.Utf8)),
        (2, Gen.Select(Gen.Int[1, 100_000], Gen.OneOf("[", "{\"a\":")).Select((depth, open) =>
            TextGen.Utf8(string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(open == "[" ? "]" : "}", depth))))),
        (2, Gen.Select(Gen.Byte.Array[1, 8], Gen.Int[0, 64]).Select((bad, at) =>
            (byte[])[.. "[\""u8, .. Enumerable.Repeat((byte)'a', at), .. bad.Select(b => (byte)(b | 0x80)), .. "\"]"u8])),
        (1, Gen.Int[ProcessEndpoints.MaxBodyBytes - 16, ProcessEndpoints.MaxBodyBytes + (ProcessEndpoints.MaxBodyBytes / 2)].Select(size =>
        {
            var body = new byte[size];
            body.AsSpan().Fill((byte)' ');
            body[0] = (byte)'[';
            body[^1] = (byte)']';
            return body;
        })));

    private static readonly Gen<string> QueryPiece = Gen.OneOf(
        Gen.OneOf("node", "service", "check", "status", "alwaysOk", "ignoreBlacklist", "=", "&", "?", "%", "%zz", "%ff", "%c3%28", "%00", "%0d%0a", "+", ";", "#", "..", "/", "%2f", "*", "_", ","),
        Gen.OneOf("passing", "critical", "warning", "a,b,,", "1", "\u00e9", "\U0001F600", "[ERR] forged"),
        TextGen.Text(8),
        Gen.Int[0, 6_000].Select(n => new string('a', n)));

    private static readonly Gen<string> HealthTarget = Gen.Select(
            Gen.OneOf("/v1/health", "/v1/health/wildcard", "/v1/health/", "/v1/health/wildcard/x", "/v1/health%2fwildcard"),
            QueryPiece.Array[0, 16].Select(string.Concat))
        .Select((path, query) => path + "?" + query);

    private readonly DaemonApiHost _host = new();

    public Task InitializeAsync() => _host.StartAsync(Limits);

    public Task DisposeAsync() => _host.StopAsync();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Post_AnyBody_Answers200Or4xxWithItsReasonAndLogsNoError()
    {
        await Fuzz.RunAsync(
            Gen.Select(Gen.OneOf(ProcessEndpoints.ChecksPath, ProcessEndpoints.EventsPath), Gen.Bool, Body),
            async input =>
            {
                var (path, chunked, body) = input;
                var head = $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n\r\n" : $"Content-Length: {body.Length}\r\n\r\n");
                var request = chunked ? [.. Encoding.ASCII.GetBytes(head), .. Chunked(body)] : Encoding.ASCII.GetBytes(head).Concat(body).ToArray();

                var (status, text) = await _host.SendAsync(request);

                status.ShouldBeOneOf([200, 400, 413], text);
                if (status != 200)
                {
                    text.ShouldNotBeNullOrWhiteSpace();
                }
            },
            print: input => $"{input.Item1} chunked={input.Item2} {input.Item3.Length} bytes: {Convert.ToHexString(input.Item3.AsSpan(0, Math.Min(64, input.Item3.Length)))}");

        ShouldHaveLoggedNoError();
    }

    [Fact]
    public async Task Get_AnyHealthQuery_AnswersBelow500AndLogsNoError()
    {
        await Fuzz.RunAsync(
            HealthTarget,
            async target =>
            {
                // Raw bytes of the text as generated: control characters and non-ASCII reach Kestrel unescaped.
                byte[] request = [.. Encoding.ASCII.GetBytes("GET "), .. Encoding.UTF8.GetBytes(target), .. Encoding.ASCII.GetBytes(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")];

                var (status, text) = await _host.SendAsync(request);

                // A space in the raw target ends it early, and what follows is read as the HTTP version: Kestrel answers
                // 505, which is HTTP's answer to an unknown version, not a failure of the daemon.
                if (status == 505)
                {
                    target.ShouldContain(' ');
                    return;
                }

                status.ShouldBeInRange(200, 499, text);
            },
            print: target => target.Length > 300 ? target[..300] + "…" : target);

        ShouldHaveLoggedNoError();
    }

    [Fact]
    public async Task Connections_ManySlowAndParallel_OtherClientsStillAnswered()
    {
        // A hundred connections trickling their headers one byte at a time (slowloris) stay open while fifty clients
        // in parallel each make requests; the budget of the run decides how long that goes on.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(Fuzz.Seconds(3)));
        var slow = Enumerable.Range(0, 100).Select(_ => TrickleAsync(stop.Token)).ToList();
        var answered = 0;
        var clients = Enumerable.Range(0, 50).Select(async _ =>
        {
            using var client = TestNetwork.NewClient();
            client.Timeout = TimeSpan.FromSeconds(60);
            while (!stop.IsCancellationRequested)
            {
                using var info = await client.GetAsync(new Uri($"http://127.0.0.1:{_host.Port}/v1/info"), CancellationToken.None);
                info.StatusCode.ShouldBe(HttpStatusCode.Created);
                using var post = await client.PostAsync(
                    new Uri($"http://127.0.0.1:{_host.Port}{ProcessEndpoints.ChecksPath}"), new StringContent("[]", Encoding.UTF8, "application/json"), CancellationToken.None);
                post.StatusCode.ShouldBe(HttpStatusCode.OK);
                Interlocked.Increment(ref answered);
            }
        }).ToList();

        await Task.WhenAll(clients);
        var trickled = await Task.WhenAll(slow);

        answered.ShouldBeGreaterThanOrEqualTo(50);
        trickled.ShouldAllBe(bytes => bytes > 0);
    }

    // An exception escaping an endpoint is logged as an error with its stack trace, even when the client got a 4xx.
    private void ShouldHaveLoggedNoError()
    {
        var lines = _host.Log.ToString().Split('\n');
        lines.ShouldNotContain(l => l.Contains("[ERR]", StringComparison.Ordinal) || l.Contains("[FTL]", StringComparison.Ordinal));
        lines.ShouldNotContain(l => l.StartsWith("   at ", StringComparison.Ordinal));
    }

    // Sends a request's headers one byte every 100 ms until stopped; returns how many bytes went out.
    private async Task<int> TrickleAsync(CancellationToken stop)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _host.Port, CancellationToken.None);
        var stream = client.GetStream();
        var headers = Encoding.ASCII.GetBytes("GET /v1/health/wildcard HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + new string('s', 10_000));
        var sent = 0;
        try
        {
            while (!stop.IsCancellationRequested && sent < headers.Length)
            {
                await stream.WriteAsync(headers.AsMemory(sent, 1), CancellationToken.None);
                sent++;
                await Task.Delay(100, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // The run's budget is spent.
        }
        catch (IOException)
        {
            // Cut off by the daemon: headers must arrive within 30 s, which a budget past that reaches.
        }

        return sent;
    }

    private static byte[] Chunked(byte[] body)
    {
        using var output = new MemoryStream();
        foreach (var chunk in body.Chunk(64 * 1024))
        {
            output.Write(Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"));
            output.Write(chunk);
            output.Write("\r\n"u8);
        }

        output.Write("0\r\n\r\n"u8);
        return output.ToArray();
    }
}
