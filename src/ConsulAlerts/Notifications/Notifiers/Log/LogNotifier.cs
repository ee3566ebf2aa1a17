using System.Globalization;
using System.Text;
using ConsulAlerts.Configuration;
using ConsulAlerts.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications.Notifiers.Log;

/// <summary>
/// The <c>log</c> notifier: appends one line per message to a file, in the Go daemon's format (people grep it):
/// <c>[consul-notifier] 2006/01/02 15:04:05 Node=&lt;node&gt;, Service=&lt;service name&gt;, Check=&lt;check name&gt;, Status=&lt;status&gt;</c>,
/// with control characters in the values escaped (<see cref="LineText"/>) so that one message is always one line.
/// The time is local time, as Go's <c>log.LstdFlags</c> writes it, taken from the <see cref="TimeProvider"/> and its
/// <see cref="TimeProvider.LocalTimeZone"/>. The directory is created when missing. Writes are serialized (one
/// writer), and a batch is written with a single append so batches never interleave.
/// </summary>
internal sealed class LogNotifier(TimeProvider timeProvider, ILogger<LogNotifier> logger) : INotifier, IDisposable
{
    public const string NotifierName = "log";

    private const string Prefix = "[consul-notifier] ";

    private readonly SemaphoreSlim _writer = new(1, 1);

    public string Name => NotifierName;

    public async Task<NotifyResult> NotifyAsync(IReadOnlyList<Message> messages, NotifierConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var settings = LogNotifierConfig.From(config);
        var text = Format(messages, TimeZoneInfo.ConvertTime(timeProvider.GetUtcNow(), timeProvider.LocalTimeZone));

        await _writer.WaitAsync(cancellationToken);
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(settings.Path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            await using var file = new FileStream(settings.Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            var bytes = Encoding.UTF8.GetBytes(text);
            await file.WriteAsync(bytes, CancellationToken.None);
            await file.FlushAsync(CancellationToken.None);
        }
        catch (UnauthorizedAccessException)
        {
            return NotifyResult.Failed($"permission denied writing {settings.Path}", retryable: false);
        }
        catch (IOException ex)
        {
            return NotifyResult.Failed($"cannot write {settings.Path}: {ex.Message}", retryable: true);
        }
        finally
        {
            _writer.Release();
        }

        NotificationsLog.LogFileWritten(logger, NotifierName, messages.Count, settings.Path);
        return NotifyResult.Ok;
    }

    public void Dispose() => _writer.Dispose();

    /// <summary>The lines for a batch, each stamped with <paramref name="localTime"/> as Go's log package does.</summary>
    internal static string Format(IReadOnlyList<Message> messages, DateTimeOffset localTime)
    {
        var stamp = localTime.ToString("yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        foreach (var message in messages)
        {
            // Names come from whoever registers checks: a line break in one must not forge a line of its own.
            text.Append(Prefix).Append(stamp).Append(' ')
                .Append("Node=").AppendEscaped(message.Node)
                .Append(", Service=").AppendEscaped(message.Service)
                .Append(", Check=").AppendEscaped(message.Check)
                .Append(", Status=").AppendEscaped(message.Status)
                .Append('\n');
        }

        return text.ToString();
    }
}
