namespace ConsulAlerts.Muting;

/// <summary>What the muting stage needs of one silence: when it is in force and what it matches (all matchers must hold).</summary>
/// <param name="Id">The silence's id.</param>
/// <param name="Matchers">The matchers; a silence holds at least one.</param>
/// <param name="StartsAt">When it starts muting.</param>
/// <param name="EndsAt">When it stops (expiring a silence sets this to the moment of expiry).</param>
internal sealed record SilenceRule(string Id, IReadOnlyList<AlertMatcher> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt)
{
    /// <summary>In force at <paramref name="now"/>: started and not yet ended.</summary>
    public bool IsActiveAt(DateTimeOffset now) => StartsAt <= now && now < EndsAt;

    public bool Matches(in AlertSubject subject)
    {
        foreach (var matcher in Matchers)
        {
            if (!matcher.Matches(subject))
            {
                return false;
            }
        }

        return Matchers.Count > 0;
    }
}
