namespace ConsulAlerts.Demo;

/// <summary>
/// A demo service with one TTL check whose status follows a repeating schedule: <see cref="BadStatus"/> from
/// <see cref="BadFrom"/> until <see cref="BadUntil"/> into every <see cref="Period"/>, passing the rest of the time.
/// </summary>
internal sealed record DemoCheck(
    string ServiceId,
    string CheckId,
    string CheckName,
    TimeSpan Period,
    TimeSpan BadFrom,
    TimeSpan BadUntil,
    string BadStatus,
    string BadOutput,
    string GoodOutput)
{
    /// <summary>The status the schedule wants <paramref name="elapsed"/> after the demo started.</summary>
    public string StatusAt(TimeSpan elapsed)
    {
        var intoPeriod = TimeSpan.FromTicks(elapsed.Ticks % Period.Ticks);
        return intoPeriod >= BadFrom && intoPeriod < BadUntil ? BadStatus : "passing";
    }

    /// <summary>The check output that goes with <paramref name="status"/>.</summary>
    public string OutputFor(string status) => status == "passing" ? GoodOutput : BadOutput;
}
