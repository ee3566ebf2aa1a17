using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace ConsulAlerts.Notifications.Notifiers.Email;

/// <summary>
/// Asks an SMTP server whether it offers STARTTLS: connect, read the greeting, EHLO, QUIT. The BCL
/// <see cref="System.Net.Mail.SmtpClient"/> either requires STARTTLS or never uses it, so the notifier probes
/// first and enables TLS when offered. Answers are cached per host and port for <see cref="CacheFor"/>; a failed
/// send drops the cached answer so that the next delivery asks again.
/// </summary>
internal sealed class SmtpStartTlsProbe(TimeProvider timeProvider)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);

    private const int MaxReplyLines = 100;
    private const int MaxLineLength = 4096;

    private readonly ConcurrentDictionary<(string Host, int Port), (bool StartTls, DateTimeOffset At)> _answers = new();

    /// <summary>Whether the answer for <paramref name="host"/>:<paramref name="port"/> is cached and fresh.</summary>
    public bool IsCached(string host, int port) =>
        _answers.TryGetValue((host, port), out var answer) && timeProvider.GetUtcNow() - answer.At < CacheFor;

    public void Forget(string host, int port) => _answers.TryRemove((host, port), out _);

    /// <summary>
    /// The server's answer, cached or asked now. Network errors are retryable failures; a 4xx greeting is
    /// retryable and a 5xx one is not. Cancellation of <paramref name="cancellationToken"/> is thrown.
    /// </summary>
    public async Task<StartTlsProbeResult> ProbeAsync(string host, int port, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (_answers.TryGetValue((host, port), out var cached) && now - cached.At < CacheFor)
        {
            return new StartTlsProbeResult(cached.StartTls, null);
        }

        var server = $"{host}:{port}";
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
            var stream = tcp.GetStream();
            await using (stream.ConfigureAwait(false))
            {
                using var reader = new StreamReader(stream, Encoding.Latin1, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
                var (greetingCode, _) = await ReadReplyAsync(reader, cancellationToken).ConfigureAwait(false);
                if (greetingCode != 220)
                {
                    return new StartTlsProbeResult(false, NotifyResult.Failed(
                        $"SMTP server {server} refused the session (greeting {greetingCode})", retryable: greetingCode is < 500 or > 599));
                }

                await WriteAsync(stream, $"EHLO {ClientName()}\r\n", cancellationToken).ConfigureAwait(false);
                var (ehloCode, lines) = await ReadReplyAsync(reader, cancellationToken).ConfigureAwait(false);
                var startTls = ehloCode == 250 && lines.Skip(1).Any(line => line.Trim().Equals("STARTTLS", StringComparison.OrdinalIgnoreCase));
                try
                {
                    await WriteAsync(stream, "QUIT\r\n", cancellationToken).ConfigureAwait(false);
                }
                catch (IOException)
                {
                    // The answer is known; how the server closes does not matter.
                }

                _answers[(host, port)] = (startTls, now);
                return new StartTlsProbeResult(startTls, null);
            }
        }
        catch (SocketException e)
        {
            return new StartTlsProbeResult(false, NotifyResult.Failed($"could not connect to SMTP server {server}: {e.SocketErrorCode}", retryable: true));
        }
        catch (IOException)
        {
            return new StartTlsProbeResult(false, NotifyResult.Failed($"SMTP server {server} closed the connection or sent an unreadable reply", retryable: true));
        }
    }

    private static string ClientName()
    {
        // The EHLO argument is a domain; a host name with odd characters is replaced rather than sent.
        var name = System.Net.Dns.GetHostName();
        return name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.') ? name : "localhost";
    }

    private static async Task WriteAsync(Stream stream, string line, CancellationToken cancellationToken) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes(line), cancellationToken).ConfigureAwait(false);

    /// <summary>One reply: its code and the text of each line (<c>250-A</c>, <c>250 B</c>).</summary>
    private static async Task<(int Code, List<string> Lines)> ReadReplyAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (lines.Count < MaxReplyLines)
        {
            var line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new IOException("connection closed");
            if (line.Length < 3 || line.Length > MaxLineLength || !int.TryParse(line.AsSpan(0, 3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
            {
                throw new IOException("not an SMTP reply");
            }

            lines.Add(line.Length > 4 ? line[4..] : "");
            if (line.Length == 3 || line[3] == ' ')
            {
                return (code, lines);
            }
        }

        throw new IOException("SMTP reply too long");
    }
}
