using ConsulAlerts.Muting;

namespace ConsulAlerts.Silences;

/// <summary>The outcome of <see cref="SilenceValidator"/>: every problem, each naming its field, or the silence and its rule.</summary>
/// <param name="Errors">Problems such as <c>matchers[1].name: unknown label 'foo'</c>; empty when valid.</param>
/// <param name="Silence">The silence, times in UTC; null when invalid.</param>
/// <param name="Rule">What the muting stage evaluates; null when invalid.</param>
internal sealed record SilenceValidation(IReadOnlyList<string> Errors, Silence? Silence, SilenceRule? Rule)
{
    public bool IsValid => Errors.Count == 0;
}
