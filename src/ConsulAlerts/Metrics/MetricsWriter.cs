using System.Globalization;
using System.Text;

namespace ConsulAlerts.Metrics;

/// <summary>
/// Writes Prometheus text exposition format 0.0.4: a <c># HELP</c> and <c># TYPE</c> line per family, then its samples.
/// Names are checked (a bad name is a bug, not data); label values and help text are escaped as the format requires.
/// </summary>
internal sealed class MetricsWriter
{
    /// <summary>The <c>Content-Type</c> of the format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();
    private readonly HashSet<string> _families = new(StringComparer.Ordinal);
    private string? _family;
    private MetricType _type;

    /// <summary>Starts a family; each name may be written once per exposition.</summary>
    public void Family(string name, MetricType type, string help)
    {
        if (!IsValidName(name) || !_families.Add(name))
        {
            throw new ArgumentException($"'{name}' is not a valid metric name, or was written twice", nameof(name));
        }

        if (type == MetricType.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            throw new ArgumentException($"counter '{name}' must end in _total", nameof(name));
        }

        _family = name;
        _type = type;
        _text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(TypeName(type)).Append('\n');
    }

    /// <summary>A sample of the current counter or gauge family.</summary>
    public void Sample(double value, params ReadOnlySpan<(string Name, string Value)> labels)
    {
        var family = _family ?? throw new InvalidOperationException("a sample needs a family first");
        if (_type == MetricType.Histogram)
        {
            throw new InvalidOperationException($"histogram '{family}' takes Histogram samples");
        }

        Line(family, labels, null, value);
    }

    /// <summary>
    /// The samples of one histogram series: a cumulative <c>_bucket</c> per upper bound in <paramref name="bounds"/> (ascending),
    /// <c>le="+Inf"</c> equal to <paramref name="count"/>, then <c>_sum</c> and <c>_count</c>.
    /// </summary>
    public void Histogram(IReadOnlyList<double> bounds, IReadOnlyList<long> cumulativeCounts, double sum, long count, params ReadOnlySpan<(string Name, string Value)> labels)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(cumulativeCounts);
        var family = _family ?? throw new InvalidOperationException("a sample needs a family first");
        if (_type != MetricType.Histogram || bounds.Count != cumulativeCounts.Count)
        {
            throw new InvalidOperationException($"'{family}' is not a histogram, or bounds and counts differ in length");
        }

        for (int i = 0; i < bounds.Count; i++)
        {
            Line(family + "_bucket", labels, FormatValue(bounds[i]), cumulativeCounts[i]);
        }

        Line(family + "_bucket", labels, "+Inf", count);
        Line(family + "_sum", labels, null, sum);
        Line(family + "_count", labels, null, count);
    }

    public override string ToString() => _text.ToString();

    /// <summary><c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>.</summary>
    public static bool IsValidName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':');

    /// <summary><c>[a-zA-Z_][a-zA-Z0-9_]*</c>, and not starting with <c>__</c> (reserved).</summary>
    public static bool IsValidLabelName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && !name.StartsWith("__", StringComparison.Ordinal)
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>Backslash, double quote and line feed escaped, as label values must be.</summary>
    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Go's <c>strconv.FormatFloat(v, 'g', -1, 64)</c> spelling where it matters: <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>, shortest round-trip digits.</summary>
    public static string FormatValue(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static string EscapeHelp(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string TypeName(MetricType type) => type switch
    {
        MetricType.Counter => "counter",
        MetricType.Gauge => "gauge",
        _ => "histogram",
    };

    private void Line(string name, ReadOnlySpan<(string Name, string Value)> labels, string? le, double value)
    {
        _text.Append(name);
        if (labels.Length > 0 || le is not null)
        {
            _text.Append('{');
            bool first = true;
            foreach (var (labelName, labelValue) in labels)
            {
                if (!IsValidLabelName(labelName) || labelName == "le")
                {
                    throw new ArgumentException($"'{labelName}' is not a valid label name", nameof(labels));
                }

                _text.Append(first ? "" : ",").Append(labelName).Append("=\"").Append(EscapeLabelValue(labelValue)).Append('"');
                first = false;
            }

            if (le is not null)
            {
                _text.Append(first ? "" : ",").Append("le=\"").Append(le).Append('"');
            }

            _text.Append('}');
        }

        _text.Append(' ').Append(FormatValue(value)).Append('\n');
    }
}
