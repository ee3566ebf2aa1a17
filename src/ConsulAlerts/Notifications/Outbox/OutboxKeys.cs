using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace ConsulAlerts.Notifications.Outbox;

/// <summary>
/// Names in the outbox, below <c>&lt;prefix&gt;/outbox/</c>. A batch (the deliveries of one decision) is
/// <c>&lt;batch&gt;/&lt;nnnnn&gt;</c> per delivery and <c>&lt;batch&gt;/commit</c>, written last. The batch id is derived
/// from what was decided (<see cref="BatchOf(IReadOnlyList{Message})"/>), so recording the same decision again writes
/// the same keys instead of new ones. A key without a slash is an entry of the earlier one-key-per-delivery layout,
/// read as committed.
/// </summary>
internal static class OutboxKeys
{
    public const string CommitName = "commit";

    /// <summary>
    /// The batch id of a decision: when it was decided (the latest <see cref="Message.RmdCheck"/>, in ticks, so ids
    /// sort in decision order) and a digest of each message's check, status, confirmation time and send time.
    /// </summary>
    /// <remarks>
    /// The digest only has to tell decisions apart, not resist an adversary (its input is check names and times from
    /// Consul), so it is XXH128 rather than SHA-256: .NET's SHA-256 on Linux is OpenSSL's, and hashing here would load
    /// libcrypto and libssl (about 4 MB resident) into a daemon that otherwise needs them only for TLS.
    /// </remarks>
    public static string BatchOf(IReadOnlyList<Message> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var identities = messages.Select(Identity).Order(StringComparer.Ordinal);
        var digest = XxHash128.Hash(Encoding.UTF8.GetBytes(string.Join('\n', identities)));
        var decided = messages.Count == 0 ? 0 : messages.Max(m => m.RmdCheck.UtcTicks);
        return string.Create(CultureInfo.InvariantCulture, $"{decided:D19}-{Convert.ToHexStringLower(digest.AsSpan(0, 8))}");
    }

    /// <summary>What makes a message the same decision: its check, status, confirmation time and send time.</summary>
    public static string Identity(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return string.Join(
            '\u001f',
            message.Node,
            message.CheckId,
            message.Status,
            message.Timestamp.UtcTicks.ToString(CultureInfo.InvariantCulture),
            message.RmdCheck.UtcTicks.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The id of a batch's <paramref name="part"/>-th delivery.</summary>
    public static string Entry(string batch, int part) => string.Create(CultureInfo.InvariantCulture, $"{batch}/{part:D5}");

    /// <summary>The id of a batch's commit record.</summary>
    public static string Commit(string batch) => batch + "/" + CommitName;

    /// <summary>An id standing for the whole batch (every key below it).</summary>
    public static string Tree(string batch) => batch + "/";

    /// <summary>The batch an entry id belongs to; null for an entry of the earlier layout.</summary>
    public static string? BatchOfEntry(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? null : id[..slash];
    }
}
