using System.Globalization;
using System.Text;

namespace ConsulAlerts.Tests.Metrics;

/// <summary>
/// A strict reader of Prometheus text exposition format 0.0.4, stricter than Prometheus itself where our output
/// promises more: every family has HELP and TYPE before its first sample, a family's samples are contiguous, names and
/// label names are valid, label values use only the three escapes, no series appears twice, counters end in
/// <c>_total</c> and are not negative, and each histogram series has ascending <c>le</c> buckets with non-decreasing
/// counts, a <c>+Inf</c> bucket equal to <c>_count</c>, and a <c>_sum</c>. Any violation throws <see cref="FormatException"/>
/// naming the line.
/// </summary>
internal static class PrometheusTextParser
{
    private static readonly string[] Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    public static IReadOnlyDictionary<string, PrometheusFamily> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("the exposition must end with a line feed");
        }

        var help = new Dictionary<string, string>(StringComparer.Ordinal);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new Dictionary<string, List<PrometheusSample>>(StringComparer.Ordinal);
        var seriesSeen = new HashSet<string>(StringComparer.Ordinal);
        var closed = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length - 1; i++)
        {
            string line = lines[i];
            int number = i + 1;
            if (line.Contains('\r', StringComparison.Ordinal))
            {
                throw Error(number, "carriage return");
            }

            if (line.StartsWith("# HELP ", StringComparison.Ordinal) || line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var rest = line[7..];
                int space = rest.IndexOf(' ', StringComparison.Ordinal);
                string name = space < 0 ? rest : rest[..space];
                string value = space < 0 ? "" : rest[(space + 1)..];
                RequireMetricName(name, number);
                if (closed.Contains(name) || (samples.ContainsKey(name) && samples[name].Count > 0))
                {
                    throw Error(number, $"{line[2..6]} for {name} after its samples");
                }

                if (current is not null && current != name)
                {
                    closed.Add(current);
                }

                current = name;
                if (line[2] == 'H')
                {
                    if (!help.TryAdd(name, UnescapeHelp(value, number)))
                    {
                        throw Error(number, $"second HELP for {name}");
                    }
                }
                else
                {
                    if (!Types.Contains(value))
                    {
                        throw Error(number, $"unknown type '{value}'");
                    }

                    if (!types.TryAdd(name, value))
                    {
                        throw Error(number, $"second TYPE for {name}");
                    }

                    if (value == "counter" && !name.EndsWith("_total", StringComparison.Ordinal))
                    {
                        throw Error(number, $"counter {name} does not end in _total");
                    }
                }

                samples.TryAdd(name, []);
                continue;
            }

            if (line.StartsWith('#') || line.Length == 0)
            {
                // A comment; blank lines are not produced by our writer, so they are rejected.
                if (line.Length == 0)
                {
                    throw Error(number, "blank line");
                }

                continue;
            }

            var sample = ParseSample(line, number);
            string family = FamilyOf(sample.Name, types);
            if (!types.TryGetValue(family, out var familyType) || !help.ContainsKey(family))
            {
                throw Error(number, $"sample {sample.Name} before the HELP and TYPE of its family");
            }

            if (family != current)
            {
                throw Error(number, $"sample {sample.Name} outside its family's group");
            }

            if (familyType == "counter" && (sample.Value < 0 || double.IsNaN(sample.Value)))
            {
                throw Error(number, $"counter {sample.Name} is {sample.Value}");
            }

            if (!seriesSeen.Add(sample.Name + "{" + sample.SeriesKey() + "}"))
            {
                throw Error(number, $"series {sample.Name}{{{sample.SeriesKey()}}} appears twice");
            }

            samples[family].Add(sample);
        }

        var result = new Dictionary<string, PrometheusFamily>(StringComparer.Ordinal);
        foreach (var (name, list) in samples)
        {
            if (!types.TryGetValue(name, out var type) || !help.TryGetValue(name, out var text2))
            {
                throw new FormatException($"{name} lacks a HELP or TYPE line");
            }

            if (type == "histogram")
            {
                CheckHistogram(name, list);
            }

            result[name] = new PrometheusFamily(name, type, text2, list);
        }

        return result;
    }

    private static string FamilyOf(string sampleName, Dictionary<string, string> types)
    {
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal))
            {
                string baseName = sampleName[..^suffix.Length];
                if (types.TryGetValue(baseName, out var type) && type == "histogram")
                {
                    return baseName;
                }
            }
        }

        return types.TryGetValue(sampleName, out var own) && own == "histogram"
            ? throw new FormatException($"histogram {sampleName} has a bare sample")
            : sampleName;
    }

    private static void CheckHistogram(string name, IReadOnlyList<PrometheusSample> samples)
    {
        var series = samples.GroupBy(s => s.SeriesKey(except: "le"));
        foreach (var group in series)
        {
            var buckets = group.Where(s => s.Name == name + "_bucket").ToList();
            double previousLe = double.NegativeInfinity;
            double previousCount = 0;
            foreach (var bucket in buckets)
            {
                if (!bucket.Labels.TryGetValue("le", out var leText))
                {
                    throw new FormatException($"{name} bucket without le in series {group.Key}");
                }

                double le = ParseValue(leText);
                if (le <= previousLe)
                {
                    throw new FormatException($"{name} buckets not ascending at le={leText} in series {group.Key}");
                }

                if (bucket.Value < previousCount)
                {
                    throw new FormatException($"{name} bucket counts decrease at le={leText} in series {group.Key}");
                }

                previousLe = le;
                previousCount = bucket.Value;
            }

            var count = group.Where(s => s.Name == name + "_count").ToList();
            var sum = group.Where(s => s.Name == name + "_sum").ToList();
            if (buckets.Count == 0 || !double.IsPositiveInfinity(previousLe))
            {
                throw new FormatException($"{name} series {group.Key} has no +Inf bucket (or it is not last)");
            }

            if (count.Count != 1 || sum.Count != 1)
            {
                throw new FormatException($"{name} series {group.Key} needs one _count and one _sum");
            }

            if (count[0].Value != previousCount)
            {
                throw new FormatException($"{name} series {group.Key}: +Inf bucket {previousCount} differs from _count {count[0].Value}");
            }
        }
    }

    private static PrometheusSample ParseSample(string line, int number)
    {
        int pos = 0;
        while (pos < line.Length && line[pos] != '{' && line[pos] != ' ')
        {
            pos++;
        }

        string name = line[..pos];
        RequireMetricName(name, number);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (pos < line.Length && line[pos] == '{')
        {
            pos++;
            while (true)
            {
                if (pos < line.Length && line[pos] == '}')
                {
                    pos++;
                    break;
                }

                int start = pos;
                while (pos < line.Length && line[pos] != '=')
                {
                    pos++;
                }

                string labelName = line[start..pos];
                if (!IsLabelName(labelName))
                {
                    throw Error(number, $"invalid label name '{labelName}'");
                }

                if (pos + 1 >= line.Length || line[pos + 1] != '"')
                {
                    throw Error(number, $"label {labelName} value is not quoted");
                }

                pos += 2;
                var value = new StringBuilder();
                while (true)
                {
                    if (pos >= line.Length)
                    {
                        throw Error(number, $"unterminated value of label {labelName}");
                    }

                    char c = line[pos++];
                    if (c == '"')
                    {
                        break;
                    }

                    if (c == '\\')
                    {
                        char escaped = pos < line.Length ? line[pos++] : throw Error(number, "dangling backslash");
                        value.Append(escaped switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            _ => throw Error(number, $"invalid escape \\{escaped} in label {labelName}"),
                        });
                    }
                    else
                    {
                        value.Append(c);
                    }
                }

                if (!labels.TryAdd(labelName, value.ToString()))
                {
                    throw Error(number, $"label {labelName} twice");
                }

                if (pos < line.Length && line[pos] == ',')
                {
                    pos++;
                }
                else if (pos >= line.Length || line[pos] != '}')
                {
                    throw Error(number, "expected , or } after a label");
                }
            }
        }

        if (pos >= line.Length || line[pos] != ' ')
        {
            throw Error(number, "expected one space before the value");
        }

        var fields = line[(pos + 1)..].Split(' ');
        if (fields.Length is < 1 or > 2 || fields.Any(f => f.Length == 0))
        {
            throw Error(number, "expected a value and an optional timestamp, separated by one space");
        }

        double sampleValue;
        try
        {
            sampleValue = ParseValue(fields[0]);
        }
        catch (FormatException)
        {
            throw Error(number, $"invalid value '{fields[0]}'");
        }

        if (fields.Length == 2 && !long.TryParse(fields[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            throw Error(number, $"invalid timestamp '{fields[1]}'");
        }

        return new PrometheusSample(name, labels, sampleValue);
    }

    private static double ParseValue(string text) => text switch
    {
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ when text.Length > 0 && text.All(c => char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-')
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) => value,
        _ => throw new FormatException($"invalid value '{text}'"),
    };

    private static string UnescapeHelp(string text, int number)
    {
        var result = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                result.Append(text[i]);
                continue;
            }

            char next = i + 1 < text.Length ? text[++i] : throw Error(number, "dangling backslash in HELP");
            result.Append(next switch
            {
                '\\' => '\\',
                'n' => '\n',
                _ => throw Error(number, $"invalid escape \\{next} in HELP"),
            });
        }

        return result.ToString();
    }

    private static void RequireMetricName(string name, int number)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':'))
        {
            throw Error(number, $"invalid metric name '{name}'");
        }
    }

    private static bool IsLabelName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static FormatException Error(int line, string reason) => new($"line {line}: {reason}");
}
