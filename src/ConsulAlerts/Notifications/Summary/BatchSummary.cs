using System.Globalization;
using System.Text;

namespace ConsulAlerts.Notifications.Summary;

/// <summary>
/// The Go daemon's <c>Messages.Summary()</c>: the system status of a batch (CRITICAL if any message is critical, else
/// UNSTABLE if any is warning, else HEALTHY) and the count per status, plus the text its chat notifiers send.
/// </summary>
/// <param name="SystemStatus"><see cref="Critical"/>, <see cref="Unstable"/> or <see cref="Healthy"/>.</param>
/// <param name="Fail">Critical messages.</param>
/// <param name="Warn">Warning messages.</param>
/// <param name="Pass">Passing messages.</param>
internal sealed record BatchSummary(string SystemStatus, int Fail, int Warn, int Pass)
{
    public const string Healthy = "HEALTHY";
    public const string Unstable = "UNSTABLE";
    public const string Critical = "CRITICAL";

    public static BatchSummary From(IReadOnlyList<Message> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        int fail = 0, warn = 0, pass = 0;
        foreach (var message in messages)
        {
            if (message.IsCritical())
            {
                fail++;
            }
            else if (message.IsWarning())
            {
                warn++;
            }
            else if (message.IsPassing())
            {
                pass++;
            }
        }

        var status = fail > 0 ? Critical : warn > 0 ? Unstable : Healthy;
        return new BatchSummary(status, fail, warn, pass);
    }

    /// <summary>The title line: <c>&lt;cluster&gt; is &lt;SYSTEM STATUS&gt;</c>.</summary>
    public string Title(string clusterName) => $"{clusterName} is {SystemStatus}";

    /// <summary>The counts line: <c>Fail: 1, Warn: 0, Pass: 2</c>.</summary>
    public string Counts() => string.Create(CultureInfo.InvariantCulture, $"Fail: {Fail}, Warn: {Warn}, Pass: {Pass}");

    /// <summary>
    /// The Go daemon's plain text (slack and mattermost-webhook): the title and counts, then per message
    /// <c>node:service:check is status.</c> and its output on the next line. Kept byte for byte: people match on it.
    /// </summary>
    public static string PlainText(string clusterName, IReadOnlyList<Message> messages)
    {
        var summary = From(messages);
        var text = new StringBuilder()
            .Append(summary.Title(clusterName)).Append(".\n\n")
            .Append(summary.Counts()).Append('\n');
        foreach (var message in messages)
        {
            text.Append('\n').Append(Headline(message)).Append('.')
                .Append('\n').Append(message.Output);
        }

        return text.ToString();
    }

    /// <summary>
    /// One message in a line: <c>node:service:check is status</c>, led by the datacenter (<c>[dc2] node:…</c>) when more
    /// than one is watched.
    /// </summary>
    public static string Headline(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var line = $"{message.Node}:{message.Service}:{message.Check} is {message.Status}";
        return message.NamesDatacenter && message.Datacenter.Length > 0 ? $"[{message.Datacenter}] {line}" : line;
    }
}
