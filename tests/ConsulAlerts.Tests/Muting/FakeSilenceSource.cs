using ConsulAlerts.Muting;

namespace ConsulAlerts.Tests.Muting;

/// <summary>Silences set by the test; <see cref="Set"/> raises <see cref="Changed"/> as the watcher does after a swap.</summary>
internal sealed class FakeSilenceSource : ISilenceSource
{
    private IReadOnlyList<SilenceRule> _silences = [];

    public event Action? Changed;

    public IReadOnlyList<SilenceRule> Silences => Volatile.Read(ref _silences);

    public void Set(params SilenceRule[] silences)
    {
        Volatile.Write(ref _silences, silences);
        Changed?.Invoke();
    }

    public static SilenceRule Silence(string id, DateTimeOffset start, DateTimeOffset end, params (string Name, string Value)[] matchers) =>
        new(id, [.. matchers.Select(m => AlertMatcher.Create("test", m.Name, m.Value, isRegex: false, isEqual: true))], start, end);
}
