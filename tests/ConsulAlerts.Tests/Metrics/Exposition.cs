using System.Globalization;
using System.Net;
using System.Text;
using ConsulAlerts.Metrics;
using Prometheus;

namespace ConsulAlerts.Tests.Metrics;

/// <summary>
/// Assertions over the lines of a Prometheus text exposition: a family's <c># HELP</c> and <c># TYPE</c>, and the value
/// of one series looked up by its exact name and labels (in the order the metric declares them). Deliberately no
/// parser of the format, which is prometheus-net's business; the tests check what the daemon puts in it.
/// </summary>
internal sealed class Exposition(string text)
{
    private readonly string[] _lines = text.Split('\n');

    public string Text => text;

    /// <summary><c>GET /metrics</c> at <paramref name="uri"/>: 200 in text format 0.0.4, or the test fails.</summary>
    public static async Task<Exposition> ScrapeAsync(HttpClient client, Uri uri)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(uri);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/plain; version=0.0.4; charset=utf-8");
        return new Exposition(await response.Content.ReadAsStringAsync());
    }

    /// <summary>What <c>/metrics</c> would answer now.</summary>
    public static async Task<Exposition> CollectAsync(DaemonMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        using var stream = new MemoryStream();
        await metrics.ExportAsync(stream, CancellationToken.None);
        return new Exposition(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>What the registry holds now, in the text format <c>/metrics</c> uses.</summary>
    public static async Task<Exposition> CollectAsync(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream, ExpositionFormat.PrometheusText);
        return new Exposition(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>The family's help text, or null when the family is missing.</summary>
    public string? Help(string family) => Comment("# HELP " + family + " ");

    /// <summary>The family's type, or null when the family is missing.</summary>
    public string? Type(string family) => Comment("# TYPE " + family + " ");

    /// <summary>The value of the series, or null when it is missing.</summary>
    public double? Find(string name, params (string Name, string Value)[] labels)
    {
        string series = Series(name, labels) + " ";
        var line = _lines.FirstOrDefault(l => l.StartsWith(series, StringComparison.Ordinal));
        return line is null ? null : ParseValue(line[series.Length..]);
    }

    /// <summary>The value of the series; the test fails, showing the exposition, when it is missing.</summary>
    public double Value(string name, params (string Name, string Value)[] labels) =>
        Find(name, labels) ?? throw new ShouldAssertException($"no series {Series(name, labels)} in\n{text}");

    /// <summary>The sample lines whose name is <paramref name="name"/>, with any labels.</summary>
    public IReadOnlyList<string> Samples(string name) =>
        [.. _lines.Where(l => l.StartsWith(name + " ", StringComparison.Ordinal) || l.StartsWith(name + "{", StringComparison.Ordinal))];

    private string? Comment(string start) =>
        _lines.FirstOrDefault(l => l.StartsWith(start, StringComparison.Ordinal)) is { } line ? line[start.Length..] : null;

    private static string Series(string name, (string Name, string Value)[] labels) =>
        labels.Length == 0 ? name : name + "{" + string.Join(",", labels.Select(l => $"{l.Name}=\"{Escape(l.Value)}\"")) + "}";

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static double ParseValue(string value) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
