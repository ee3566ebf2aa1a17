namespace ConsulAlerts.Metrics;

/// <summary>One histogram series: observation counts per upper bound, their sum and count. Thread-safe.</summary>
internal sealed class Histogram
{
    private readonly Lock _gate = new();
    private readonly long[] _counts;
    private double _sum;
    private long _count;

    /// <param name="bounds">Upper bounds, ascending and finite; <c>+Inf</c> is implied.</param>
    public Histogram(IReadOnlyList<double> bounds)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        for (int i = 0; i < bounds.Count; i++)
        {
            if (!double.IsFinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1]))
            {
                throw new ArgumentException("bounds must be finite and strictly ascending", nameof(bounds));
            }
        }

        Bounds = bounds;
        _counts = new long[bounds.Count];
    }

    public IReadOnlyList<double> Bounds { get; }

    public void Observe(double value)
    {
        lock (_gate)
        {
            // Non-cumulative here; the snapshot sums them up, as the exposition wants.
            int bucket = 0;
            while (bucket < _counts.Length && value > Bounds[bucket])
            {
                bucket++;
            }

            if (bucket < _counts.Length)
            {
                _counts[bucket]++;
            }

            _sum += value;
            _count++;
        }
    }

    /// <summary>Cumulative counts per bound (each includes all smaller ones), the sum and the total count, taken together.</summary>
    public (long[] Cumulative, double Sum, long Count) Snapshot()
    {
        lock (_gate)
        {
            var cumulative = new long[_counts.Length];
            long running = 0;
            for (int i = 0; i < _counts.Length; i++)
            {
                running += _counts[i];
                cumulative[i] = running;
            }

            return (cumulative, _sum, _count);
        }
    }
}
