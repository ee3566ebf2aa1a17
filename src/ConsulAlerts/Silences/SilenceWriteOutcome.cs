namespace ConsulAlerts.Silences;

/// <summary>The outcome of a <see cref="SilenceWriter"/> call: the result, the silence as written, and any problems.</summary>
internal sealed record SilenceWriteOutcome(SilenceWriteResult Result, Silence? Silence, IReadOnlyList<string> Errors)
{
    public static SilenceWriteOutcome NotFound { get; } = new(SilenceWriteResult.NotFound, null, []);

    public static SilenceWriteOutcome Conflict { get; } = new(SilenceWriteResult.Conflict, null, ["the silence kept changing under this write; try again"]);

    public static SilenceWriteOutcome Invalid(IReadOnlyList<string> errors) => new(SilenceWriteResult.Invalid, null, errors);

    public static SilenceWriteOutcome Done(Silence silence) => new(SilenceWriteResult.Done, silence, []);
}
