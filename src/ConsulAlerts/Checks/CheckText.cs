using System.Globalization;
using System.Text;

namespace ConsulAlerts.Checks;

/// <summary>
/// Bounds the free text of a check (output, notes, name) wherever it is stored or sent: check state, messages, the
/// outbox and reminders. Consul keeps outputs of any size (a catalog registration has no limit), while each of those
/// records must fit one KV value and one transaction; 8 KiB keeps every usual output whole (an agent's own checks keep
/// 4 KB) and a longer one is cut at a character boundary and ends with <c>… [truncated N bytes]</c>. The live view
/// (<c>/v1/health</c>, the dashboard) shows the text as Consul has it.
/// </summary>
internal static class CheckText
{
    /// <summary>The most UTF-8 bytes of one field, marker included.</summary>
    public const int MaxBytes = 8 * 1024;

    /// <summary>The check with its output, notes and name bounded; the same instance when nothing is cut.</summary>
    public static CheckInfo Bound(CheckInfo check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var output = Bound(check.Output);
        var notes = Bound(check.Notes);
        var name = Bound(check.Name);
        return ReferenceEquals(output, check.Output) && ReferenceEquals(notes, check.Notes) && ReferenceEquals(name, check.Name)
            ? check
            : check with { Output = output, Notes = notes, Name = name };
    }

    /// <summary>
    /// <paramref name="text"/> when it is at most <paramref name="maxBytes"/> UTF-8 bytes (the same instance), else its
    /// start, cut between two characters, and <c>… [truncated N bytes]</c> naming the bytes left out, all within
    /// <paramref name="maxBytes"/>.
    /// </summary>
    public static string Bound(string text, int maxBytes = MaxBytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 64);
        if (text.Length <= maxBytes / 3)
        {
            return text; // at most 3 UTF-8 bytes per UTF-16 unit
        }

        var total = Encoding.UTF8.GetByteCount(text);
        if (total <= maxBytes)
        {
            return text;
        }

        // The marker is measured with the largest count it can show, so the result never exceeds the budget.
        var budget = maxBytes - Encoding.UTF8.GetByteCount(Marker(total));
        var kept = 0;
        var cut = 0;
        while (cut < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(cut), out var rune, out var units);
            if (kept + rune.Utf8SequenceLength > budget)
            {
                break;
            }

            kept += rune.Utf8SequenceLength;
            cut += units;
        }

        return string.Concat(text.AsSpan(0, cut), Marker(total - kept));
    }

    private static string Marker(int removed) => string.Create(CultureInfo.InvariantCulture, $"… [truncated {removed} bytes]");
}
