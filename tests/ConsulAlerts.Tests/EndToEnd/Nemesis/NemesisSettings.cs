using System.Globalization;

namespace ConsulAlerts.Tests.EndToEnd.Nemesis;

/// <summary>
/// What a nemesis run does, from the environment: <c>CONSUL_ALERTS_NEMESIS_SEED</c> replays a run's schedule (faults,
/// their order, targets and durations, and every check's flapping), <c>CONSUL_ALERTS_NEMESIS_ROUNDS</c> sets how many
/// faults it injects. Without them a run takes a fresh seed and one round per fault of the catalogue.
/// </summary>
internal sealed record NemesisSettings(int Seed, int Rounds)
{
    public const string SeedVariable = "CONSUL_ALERTS_NEMESIS_SEED";

    public const string RoundsVariable = "CONSUL_ALERTS_NEMESIS_ROUNDS";

    public static NemesisSettings FromEnvironment(int defaultRounds)
    {
        int seed = Parse(SeedVariable) ?? Random.Shared.Next(1, int.MaxValue);
        int rounds = Parse(RoundsVariable) ?? defaultRounds;
        return new NemesisSettings(seed, rounds);
    }

    private static int? Parse(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text
            ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : null;
}
