namespace ConsulAlerts.Demo;

/// <summary>
/// Drives the demo checks through their schedules: once a second it sets every check whose scheduled status changed,
/// and refreshes each check's TTL every <see cref="RefreshEvery"/>. Never dies on an agent error: it reports the
/// first failure of a streak and tries again on the next tick.
/// </summary>
internal sealed class DemoFlapper(DemoSeeder seeder, IReadOnlyList<DemoCheck> checks, TimeProvider timeProvider, TextWriter errors)
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, (string Status, TimeSpan SetAt)> _set = new(StringComparer.Ordinal);
    private bool _failing;

    /// <summary>Registers the checks with their status at time zero.</summary>
    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        foreach (var check in checks)
        {
            string status = check.StatusAt(TimeSpan.Zero);
            await seeder.RegisterAsync(check, status, cancellationToken);
            _set[check.CheckId] = (status, TimeSpan.Zero);
        }
    }

    /// <summary>Runs until cancelled; <paramref name="startedAt"/> is the schedule's time zero.</summary>
    public async Task RunAsync(long startedAt, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Tick, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await StepAsync(timeProvider.GetElapsedTime(startedAt), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped with the demo.
        }
    }

    /// <summary>Brings every check in line with the schedule at <paramref name="elapsed"/>.</summary>
    public async Task StepAsync(TimeSpan elapsed, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var check in checks)
            {
                string status = check.StatusAt(elapsed);
                if (_set.TryGetValue(check.CheckId, out var last) && last.Status == status && elapsed - last.SetAt < RefreshEvery)
                {
                    continue;
                }

                await seeder.SetStatusAsync(check, status, cancellationToken);
                _set[check.CheckId] = (status, elapsed);
            }

            _failing = false;
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            if (!_failing)
            {
                await errors.WriteLineAsync($"consul-alerts dev: cannot update the demo checks: {ex.Message}");
                _failing = true;
            }
        }
    }
}
