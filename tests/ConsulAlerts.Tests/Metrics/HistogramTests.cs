using ConsulAlerts.Metrics;

namespace ConsulAlerts.Tests.Metrics;

public sealed class HistogramTests
{
    [Fact]
    public void Snapshot_Observations_CumulativePerBoundWithSumAndCount()
    {
        var histogram = new Histogram([0.1, 1, 10]);
        histogram.Observe(0.05);
        histogram.Observe(0.1);
        histogram.Observe(0.5);
        histogram.Observe(100);

        var (cumulative, sum, count) = histogram.Snapshot();

        cumulative.ShouldBe([2, 3, 3]);
        sum.ShouldBe(100.65, 1e-9);
        count.ShouldBe(4);
    }

    [Theory]
    [InlineData(new[] { 1.0, 1.0 })]
    [InlineData(new[] { 2.0, 1.0 })]
    [InlineData(new[] { 1.0, double.PositiveInfinity })]
    public void Constructor_BoundsNotStrictlyAscendingOrInfinite_Throws(double[] bounds)
    {
        Should.Throw<ArgumentException>(() => new Histogram(bounds));
    }
}
