using System.Text;
using System.Text.Json;
using ConsulAlerts.Silences;

namespace ConsulAlerts.Cli;

/// <summary>The table <c>silence list</c> prints: active, then pending, then expired silences, each by end time.</summary>
internal static class SilenceTable
{
    private const int CommentWidth = 40;

    public static string Format(JsonElement silences)
    {
        string[] header = ["ID", "STATE", "MATCHERS", "ENDS", "AUTHOR", "COMMENT"];
        var rows = silences.EnumerateArray()
            .Select(s => new
            {
                State = Text(s, "state"),
                Ends = Text(s, "endsAt"),
                Cells = new[] { Text(s, "id"), Text(s, "state"), Matchers(s), Text(s, "endsAt"), Text(s, "createdBy"), Comment(Text(s, "comment")) },
            })
            .OrderBy(r => r.State switch { "active" => 0, "pending" => 1, _ => 2 })
            .ThenBy(r => r.Ends, StringComparer.Ordinal)
            .Select(r => r.Cells)
            .ToList();
        if (rows.Count == 0)
        {
            return "No silences.\n";
        }

        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        var output = new StringBuilder();
        foreach (var row in rows.Prepend(header))
        {
            for (var i = 0; i < row.Length; i++)
            {
                output.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            }

            output.Append('\n');
        }

        return output.ToString();
    }

    private static string Matchers(JsonElement silence)
    {
        if (!silence.TryGetProperty("matchers", out var matchers) || matchers.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        return string.Join(' ', matchers.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.Object).Select(m => SilenceCommand.Printable(SilenceMatcherNotation.Format(new SilenceMatcher
        {
            Name = Text(m, "name"),
            Value = Text(m, "value"),
            IsRegex = m.TryGetProperty("isRegex", out var regex) && regex.ValueKind == JsonValueKind.True,
            IsEqual = !m.TryGetProperty("isEqual", out var equal) || equal.ValueKind != JsonValueKind.False,
        }))));
    }

    // The first line, cut to the column's width.
    private static string Comment(string comment)
    {
        var line = comment.Split('\n')[0].TrimEnd('\r');
        return line.Length > CommentWidth ? line[..(CommentWidth - 3)] + "..." : line;
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? SilenceCommand.Printable(value.GetString()!) : "";
}
