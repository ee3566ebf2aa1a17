using ConsulAlerts.Silences;

namespace ConsulAlerts.Tests.Silences;

/// <summary>Silences for tests, with ids made from a short name.</summary>
internal static class SilenceSamples
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A well-formed id that starts with <paramref name="name"/>'s hex digits (other letters become 0).</summary>
    public static string IdOf(string name)
    {
        var hex = new string([.. name.Select(c => Uri.IsHexDigit(c) ? char.ToLowerInvariant(c) : '0')]).PadRight(32, '0')[..32];
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    public static StoredSilence Stored(string name, ulong index, params SilenceMatcher[] matchers)
    {
        var request = new SilenceRequest
        {
            Matchers = matchers.Length == 0 ? [new SilenceMatcher { Name = "node", Value = "web-1" }] : matchers,
            EndsAt = "2026-03-01T13:00:00Z",
            CreatedBy = "ops",
            Comment = "deploy",
        };
        var result = SilenceValidator.ValidateRequest(request, IdOf(name), Start);
        return new StoredSilence(result.Silence!, result.Rule!, index);
    }
}
