using ConsulAlerts.Metrics;

namespace ConsulAlerts.Tests.Metrics;

public sealed class MetricsWriterTests
{
    [Fact]
    public void ToString_FamiliesAndSamples_ExactTextFormat()
    {
        var writer = new MetricsWriter();
        writer.Family("a_total", MetricType.Counter, "Help with \\ and\nline.");
        writer.Sample(3, ("k", "v\"q\\b\nn"), ("z", ""));
        writer.Family("g", MetricType.Gauge, "Gauge.");
        writer.Sample(0.25);
        writer.Family("h_seconds", MetricType.Histogram, "Hist.");
        writer.Histogram([0.1, 1], [1, 2], 1.5, 3, ("e", "/v1/kv/*"));

        writer.ToString().ShouldBe("""
            # HELP a_total Help with \\ and\nline.
            # TYPE a_total counter
            a_total{k="v\"q\\b\nn",z=""} 3
            # HELP g Gauge.
            # TYPE g gauge
            g 0.25
            # HELP h_seconds Hist.
            # TYPE h_seconds histogram
            h_seconds_bucket{e="/v1/kv/*",le="0.1"} 1
            h_seconds_bucket{e="/v1/kv/*",le="1"} 2
            h_seconds_bucket{e="/v1/kv/*",le="+Inf"} 3
            h_seconds_sum{e="/v1/kv/*"} 1.5
            h_seconds_count{e="/v1/kv/*"} 3

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("a-b")]
    [InlineData("")]
    [InlineData("counter_without_suffix")]
    public void Family_BadNameOrCounterWithoutTotal_Throws(string name)
    {
        var writer = new MetricsWriter();

        Should.Throw<ArgumentException>(() => writer.Family(name, MetricType.Counter, "h"));
    }

    [Fact]
    public void Family_SameNameTwice_Throws()
    {
        var writer = new MetricsWriter();
        writer.Family("g", MetricType.Gauge, "h");

        Should.Throw<ArgumentException>(() => writer.Family("g", MetricType.Gauge, "h"));
    }

    [Theory]
    [InlineData("le")]
    [InlineData("__reserved")]
    [InlineData("a-b")]
    public void Sample_BadLabelName_Throws(string label)
    {
        var writer = new MetricsWriter();
        writer.Family("g", MetricType.Gauge, "h");

        Should.Throw<ArgumentException>(() => writer.Sample(1, (label, "v")));
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e21, "1E+21")]
    [InlineData(42, "42")]
    public void FormatValue_SpecialAndPlainNumbers_AsPrometheusReadsThem(double value, string expected)
    {
        MetricsWriter.FormatValue(value).ShouldBe(expected);
    }

    [Fact]
    public void Output_OfEveryKind_ParsesStrictly()
    {
        var writer = new MetricsWriter();
        writer.Family("x_total", MetricType.Counter, "X.");
        writer.Sample(1, ("path", "a\\b\"c\nd"));
        writer.Family("h", MetricType.Histogram, "H.");
        writer.Histogram([1, 2, 5], [0, 2, 2], 3.5, 3);

        var families = PrometheusTextParser.Parse(writer.ToString());

        families["x_total"].Value(("path", "a\\b\"c\nd")).ShouldBe(1);
        families["h"].ValueOf("h_bucket", ("le", "+Inf")).ShouldBe(3);
    }
}
