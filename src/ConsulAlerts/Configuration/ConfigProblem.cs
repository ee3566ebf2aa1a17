namespace ConsulAlerts.Configuration;

/// <summary>One problem the parser found, before it becomes a <see cref="ConfigError"/>.</summary>
/// <param name="Key">The full KV key.</param>
/// <param name="Problem">What is wrong, never quoting the value.</param>
/// <param name="Consequence">What is used instead; null when the value is used as it is.</param>
/// <param name="OfTheValue">
/// Whether the value itself is at fault (it does not parse, or a part of it does not), so that the key's last good value
/// should stand in; false for problems of the key (unknown) or of what the value refers to (an undefined profile).
/// </param>
internal sealed record ConfigProblem(string Key, string Problem, string? Consequence, bool OfTheValue)
{
    public ConfigError ToError() => new(Key, Consequence is null ? Problem : $"{Problem}; {Consequence}");
}
