namespace ConsulAlerts.Tests.EndToEnd.Nemesis;

/// <summary>
/// Flaps several TTL checks for the whole run, each on its own seeded schedule: mostly statuses held well past the
/// change-threshold (which must be notified), sometimes blips far shorter than it (which may or may not be). Its record
/// of what it set, and for how long, is the history the notifications are judged against. It talks to the agent
/// directly, not through the daemons' proxies: the checks keep changing whatever the daemons' links suffer.
/// </summary>
internal sealed class CheckFlapper(AgentClient consul, IReadOnlyList<string> checkIds, int seed, TimeSpan threshold, NemesisClock clock) : IDisposable
{
    private static readonly string[] Statuses = ["passing", "warning", "critical"];

    private readonly Lock _gate = new();
    private readonly List<CheckHold> _holds = [];
    private readonly Dictionary<string, string> _current = checkIds.ToDictionary(c => c, _ => "passing");
    private readonly SemaphoreSlim _writes = new(1, 1);
    private int _epoch;

    public IReadOnlyList<string> CheckIds => checkIds;

    public static string ServiceOf(string checkId) => checkId + "-svc";

    /// <summary>Every hold so far (a copy); the last of each check is open-ended while it lasts.</summary>
    public IReadOnlyList<CheckHold> Holds
    {
        get
        {
            lock (_gate)
            {
                return [.. _holds];
            }
        }
    }

    /// <summary>Registers the checks passing; the first holds start now.</summary>
    public async Task RegisterAsync()
    {
        foreach (var check in checkIds)
        {
            await consul.RegisterTtlCheckAsync(ServiceOf(check), check);
            Open(check, "passing");
        }
    }

    /// <summary>Flaps every check until <paramref name="stopping"/>; the statuses then stay as they are.</summary>
    public Task RunAsync(CancellationToken stopping) =>
        Task.WhenAll(checkIds.Select((check, i) => FlapAsync(check, new Random(HashCode.Combine(seed, i)), stopping)));

    /// <summary>
    /// After the agent lost its data: registers every check again with the status it had, as a new epoch. Flapping
    /// waits meanwhile, so no change lands between the registration and the status.
    /// </summary>
    public async Task RegisterAgainAsync()
    {
        await _writes.WaitAsync();
        try
        {
            lock (_gate)
            {
                _epoch++;
            }

            foreach (var check in checkIds)
            {
                string status;
                lock (_gate)
                {
                    status = _current[check];
                }

                await consul.RegisterTtlCheckAsync(ServiceOf(check), check, status);
                Close(check, clock.Now);
                Open(check, status);
            }
        }
        finally
        {
            _writes.Release();
        }
    }

    public void Dispose() => _writes.Dispose();

    private async Task FlapAsync(string check, Random random, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            string status;
            lock (_gate)
            {
                var current = _current[check];
                var others = Statuses.Where(s => s != current).ToArray();
                status = others[random.Next(others.Length)];
            }

            // Long holds outlast the threshold by far (so every daemon, however slow its link, sees them whole); blips
            // stay far below it.
            var hold = random.NextDouble() < 0.75
                ? threshold + TimeSpan.FromSeconds(8 + (random.NextDouble() * 6))
                : TimeSpan.FromSeconds(0.2 + (random.NextDouble() * 0.6));
            await SetAsync(check, status, stopping);
            try
            {
                await Task.Delay(hold, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SetAsync(string check, string status, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            await _writes.WaitAsync(CancellationToken.None);
            try
            {
                double asked = clock.Now;
                await consul.SetCheckAsync(check, status switch { "passing" => "pass", "warning" => "warn", _ => "fail" });
                // The change happened somewhere between asking and the answer: the old hold ends at the first, the new
                // one starts at the second, so neither is taken for longer than it was.
                Close(check, asked);
                Open(check, status);
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // The agent is away (killed or paused); the status is unchanged until it answers.
            }
            finally
            {
                _writes.Release();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None);
        }
    }

    private void Open(string check, string status)
    {
        lock (_gate)
        {
            _current[check] = status;
            _holds.Add(new CheckHold(check, status, clock.Now, double.PositiveInfinity, _epoch));
        }
    }

    private void Close(string check, double at)
    {
        lock (_gate)
        {
            int last = _holds.FindLastIndex(h => h.CheckId == check);
            if (last >= 0 && double.IsPositiveInfinity(_holds[last].To))
            {
                _holds[last] = _holds[last] with { To = at };
            }
        }
    }
}
