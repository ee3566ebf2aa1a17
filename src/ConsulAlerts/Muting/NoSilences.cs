namespace ConsulAlerts.Muting;

/// <summary>The silence source when silences are not watched (tests, one-shot commands): none, ever.</summary>
internal sealed class NoSilences : ISilenceSource
{
    public static NoSilences Instance { get; } = new();

    public IReadOnlyList<SilenceRule> Silences => [];

    public event Action? Changed
    {
        add { }
        remove { }
    }
}
