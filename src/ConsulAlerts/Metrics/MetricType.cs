namespace ConsulAlerts.Metrics;

/// <summary>The metric types this daemon exposes, as written in a <c># TYPE</c> line.</summary>
internal enum MetricType
{
    Counter,
    Gauge,
    Histogram,
}
