namespace ConsulAlerts.Tests.Metrics;

/// <summary>One parsed metric family: its HELP text (unescaped), TYPE and samples in order.</summary>
internal sealed record PrometheusFamily(string Name, string Type, string Help, IReadOnlyList<PrometheusSample> Samples)
{
    /// <summary>The value of the family's own sample with exactly these labels.</summary>
    public double Value(params (string Name, string Value)[] labels) => ValueOf(Name, labels);

    /// <summary>The value of the sample named <paramref name="sampleName"/> with exactly these labels.</summary>
    public double ValueOf(string sampleName, params (string Name, string Value)[] labels)
    {
        var matches = Samples.Where(s => s.Name == sampleName && s.Labels.Count == labels.Length
            && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).ToList();
        return matches.Count == 1
            ? matches[0].Value
            : throw new KeyNotFoundException($"{matches.Count} samples {sampleName}{{{string.Join(",", labels.Select(l => $"{l.Name}={l.Value}"))}}} in {Name}");
    }
}
