namespace ConsulAlerts.Tests.Metrics;

public sealed class PrometheusTextParserTests
{
    private const string Valid = """
        # HELP up_total Things, with a \\ and a\nnew line.
        # TYPE up_total counter
        up_total{job="a\"b\\c\nd"} 3
        up_total{job="x"} 1.5e3
        # HELP lat_seconds Latency.
        # TYPE lat_seconds histogram
        lat_seconds_bucket{path="/x",le="0.1"} 1
        lat_seconds_bucket{path="/x",le="1"} 2
        lat_seconds_bucket{path="/x",le="+Inf"} 3
        lat_seconds_sum{path="/x"} 4.5
        lat_seconds_count{path="/x"} 3
        # HELP empty Nothing yet.
        # TYPE empty gauge

        """;

    [Fact]
    public void Parse_ValidExposition_ReadsFamiliesLabelsAndValues()
    {
        var families = PrometheusTextParser.Parse(Valid.Replace("\n\n", "\n", StringComparison.Ordinal));

        families.Keys.Order(StringComparer.Ordinal).ShouldBe(["empty", "lat_seconds", "up_total"]);
        families["up_total"].Help.ShouldBe("Things, with a \\ and a\nnew line.");
        families["up_total"].Value(("job", "a\"b\\c\nd")).ShouldBe(3);
        families["up_total"].Value(("job", "x")).ShouldBe(1500);
        families["lat_seconds"].ValueOf("lat_seconds_count", ("path", "/x")).ShouldBe(3);
        families["empty"].Samples.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("x 1\n", "before the HELP and TYPE")]
    [InlineData("# TYPE x gauge\nx 1\n", "before the HELP and TYPE")]
    [InlineData("# HELP x h\n# TYPE x gauge\nx 1", "end with a line feed")]
    [InlineData("# HELP x h\n# TYPE x counter\nx 1\n", "does not end in _total")]
    [InlineData("# HELP x_total h\n# TYPE x_total counter\nx_total -1\n", "is -1")]
    [InlineData("# HELP x h\n# TYPE x gauge\nx{a=\"b\\t\"} 1\n", "invalid escape")]
    [InlineData("# HELP x h\n# TYPE x gauge\nx{a=b} 1\n", "not quoted")]
    [InlineData("# HELP x h\n# TYPE x gauge\nx{1a=\"b\"} 1\n", "invalid label name")]
    [InlineData("# HELP x h\n# TYPE x gauge\nx{a=\"b\"} 1\nx{a=\"b\"} 2\n", "appears twice")]
    [InlineData("# HELP x h\n# TYPE x gauge\nx  1\n", "separated by one space")]
    [InlineData("# HELP x h\n# TYPE x gauge\nx one\n", "invalid value")]
    [InlineData("# HELP x h\n# TYPE x wat\n", "unknown type")]
    [InlineData("# HELP 1x h\n", "invalid metric name")]
    [InlineData("# HELP x h\n# TYPE x gauge\n# HELP y h\n# TYPE y gauge\nx 1\n", "outside its family's group")]
    [InlineData("# HELP x h\n# TYPE x gauge\nx 1\n# TYPE x gauge\n", "after its samples")]
    [InlineData("# HELP x h\n# TYPE x gauge\n\nx 1\n", "blank line")]
    [InlineData("# HELP h h\n# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", "decrease")]
    [InlineData("# HELP h h\n# TYPE h histogram\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", "not ascending")]
    [InlineData("# HELP h h\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n", "no +Inf bucket")]
    [InlineData("# HELP h h\n# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n", "differs from _count")]
    [InlineData("# HELP h h\n# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 2\n", "one _count and one _sum")]
    public void Parse_Violation_ThrowsNamingIt(string text, string reason)
    {
        Should.Throw<FormatException>(() => PrometheusTextParser.Parse(text)).Message.ShouldContain(reason);
    }
}
