using System.Globalization;

namespace ConsulAlerts.Tests.EndToEnd.Nemesis;

/// <summary>
/// Judges a nemesis run's history (what the flapper held, what the receiver got, the faults and the leadership
/// samples) against the invariants; see docs/RELIABILITY.md for each rule.
/// </summary>
internal sealed class NemesisJudge(TimeSpan threshold)
{
    /// <summary>How long past the change-threshold a status must stay in sight of a leader to count as a confirmed change.</summary>
    public const double Margin = 6;

    /// <summary>A duplicate is inside the at-least-once window when its first copy's sender was cut off this soon after the receiver accepted it.</summary>
    public const double AtLeastOnceWindow = 10;

    /// <summary>
    /// How long before the receiver accepted a copy its sender may have been killed or paused and the copy still be its
    /// own: a stopped process sends nothing, so the request was already on its way (sent, not yet read).
    /// </summary>
    public const double InFlight = 2;

    /// <summary>An undelivered change confirmed this shortly before the agent lost its data may have been lost with the outbox.</summary>
    public const double WipeGrace = 30;

    /// <summary>Samples are a quarter of a second apart: this long without one that leads is a leaderless stretch.</summary>
    public const double LeaderlessGap = 2;

    /// <summary>A send is attributed to the leader term sampled this close to it.</summary>
    public const double SampleReach = 3;

    /// <summary>The checks the last leader may send on its own while Consul cannot serve (README, "Watching Consul itself").</summary>
    private static readonly string[] ActingRoleChecks = ["consul-leader", "consul-agent"];

    /// <summary>
    /// Connection attempts a second per daemon while Consul is down, past the first quick retries: "about one a second".
    /// About seven activities (watches, election, writers) retry on their own, each at most 10 s apart with jitter
    /// (docs/RELIABILITY.md).
    /// </summary>
    public const double MaxRequestsPerSecond = 1.5;

    /// <summary>Far below a busy loop (a whole core) and far above an idle daemon.</summary>
    public const double MaxCpuCores = 0.5;

    private readonly double _threshold = threshold.TotalSeconds;

    public NemesisReport Judge(
        IReadOnlyList<CheckHold> holds, IReadOnlyList<SentNotification> sent, IReadOnlyList<FaultRecord> faults, IReadOnlyList<DaemonSample> samples, double end)
    {
        var wipes = faults.Where(f => f.LostData).OrderBy(f => f.Start).ToList();
        int EpochOf(double at) => wipes.Count(w => w.Healed <= at);
        var blind = faults.Where(f => f.Blinds).Select(f => (From: f.Start, To: Math.Max(f.Recovered, f.Healed)))
            .Concat(Leaderless(samples)).OrderBy(b => b.From).ToList();
        var accepted = sent.Where(s => s.Accepted).OrderBy(s => s.At).ToList();
        var used = new HashSet<SentNotification>(ReferenceEqualityComparer.Instance);

        var lost = new List<string>();
        var wiped = new List<string>();
        var catchUps = new List<double>();
        int changes = 0;
        foreach (var check in holds.GroupBy(h => h.CheckId))
        {
            foreach (var epoch in check.GroupBy(h => h.Epoch))
            {
                // A new epoch starts from nothing stored: a check first seen passing is silent, any other status is a change.
                string expected = "passing";
                double matchFrom = double.NegativeInfinity;
                foreach (var hold in epoch.OrderBy(h => h.From))
                {
                    if (ConfirmedAt(hold, blind, end) is not { } confirmedAt || hold.Status == expected)
                    {
                        continue;
                    }

                    changes++;
                    var match = accepted.FirstOrDefault(n => !used.Contains(n) && n.CheckId == hold.CheckId && n.Status == hold.Status && n.At >= matchFrom && EpochOf(n.At) == epoch.Key);
                    string what = string.Create(CultureInfo.InvariantCulture, $"{hold.CheckId} {hold.Status} held {hold.From:0.0}s-{hold.To:0.0}s (epoch {epoch.Key}, confirmed {confirmedAt:0.0}s)");
                    if (match is not null)
                    {
                        used.Add(match);
                        var outage = faults.Where(f => f.ConsulOutage && f.Healed > hold.From && f.Healed <= match.At).MaxBy(f => f.Healed);
                        if (outage is not null)
                        {
                            catchUps.Add(match.At - outage.Healed);
                        }
                    }
                    else if (epoch.Key < wipes.Count && confirmedAt > wipes[epoch.Key].Start - WipeGrace)
                    {
                        wiped.Add(what);
                    }
                    else
                    {
                        lost.Add(what);
                    }

                    expected = hold.Status;
                    matchFrom = hold.From;
                }
            }
        }

        var (inWindow, outside) = Duplicates(accepted, faults, samples, EpochOf);
        // The last leader's acting role sends consul-leader and consul-agent while nobody can lead, by design: those are
        // outside the one-sender rule (and outside the flapped checks whose changes are judged above).
        var (leaderViolations, terms, unidentified) = Leaders([.. sent.Where(s => !ActingRoleChecks.Contains(s.CheckId))], samples);
        var loads = faults.Where(f => f.ConsulOutage).SelectMany(f => f.Load).ToList();
        return new NemesisReport
        {
            Changes = changes,
            Notifications = accepted.Count,
            Attempts = sent.Count,
            Lost = lost,
            Wiped = wiped,
            DuplicatesInWindow = inWindow,
            DuplicatesOutsideWindow = outside,
            LeaderViolations = leaderViolations,
            Terms = terms,
            Unidentified = unidentified,
            WorstTakeover = faults.Max(f => f.Takeover),
            WorstCatchUp = catchUps.Count == 0 ? null : catchUps.Max(),
            WorstRecovery = faults.Where(f => f.ConsulOutage).Select(f => (double?)(f.Recovered - f.Healed)).Max(),
            BusiestWhileConsulDown = loads.MaxBy(l => l.RequestsPerSecond),
            HungriestWhileConsulDown = loads.MaxBy(l => l.CpuCores),
            LoadViolations = [.. loads.Where(l => l.RequestsPerSecond > MaxRequestsPerSecond || l.CpuCores > MaxCpuCores).Select(l => l.ToString())],
        };
    }

    /// <summary>
    /// Stretches in which no daemon was sampled leading for longer than <see cref="LeaderlessGap"/>: whatever their
    /// cause (a fault, or a leader losing its session on a slow link), nobody could confirm a change then.
    /// </summary>
    private static IEnumerable<(double From, double To)> Leaderless(IReadOnlyList<DaemonSample> samples)
    {
        var leading = samples.Where(s => s.IsLeader).Select(s => s.At).Order().ToList();
        for (int i = 1; i < leading.Count; i++)
        {
            if (leading[i] - leading[i - 1] > LeaderlessGap)
            {
                yield return (leading[i - 1], leading[i]);
            }
        }
    }

    /// <summary>
    /// When a hold became a confirmed change: the threshold after the start of its first stretch in sight of a leader
    /// (outside every blind window and leaderless stretch) that lasts the threshold plus <see cref="Margin"/>; null when it has none.
    /// </summary>
    private double? ConfirmedAt(CheckHold hold, List<(double From, double To)> blind, double end)
    {
        double from = hold.From;
        double to = Math.Min(hold.To, end);
        foreach (var window in blind.Where(b => b.To > hold.From && b.From < to))
        {
            if (window.From - from >= _threshold + Margin)
            {
                return from + _threshold;
            }

            from = Math.Max(from, window.To);
        }

        return to - from >= _threshold + Margin ? from + _threshold : null;
    }

    /// <summary>
    /// Two accepted messages in a row with the same check and status (in one epoch) are a duplicate: the daemon notifies
    /// changes only. It is inside the at-least-once window when the first copy's sender stopped leading within
    /// <see cref="AtLeastOnceWindow"/> after the receiver accepted it: it was killed or paused, Consul went away for
    /// everyone, or it was sampled not leading.
    /// </summary>
    private static (List<string> Inside, List<string> Outside) Duplicates(
        List<SentNotification> accepted, IReadOnlyList<FaultRecord> faults, IReadOnlyList<DaemonSample> samples, Func<double, int> epochOf)
    {
        var inside = new List<string>();
        var outside = new List<string>();
        foreach (var check in accepted.GroupBy(n => (n.CheckId, Epoch: epochOf(n.At))))
        {
            SentNotification? previous = null;
            foreach (var next in check.OrderBy(n => n.At))
            {
                if (previous is not null && previous.Status == next.Status)
                {
                    var first = previous;
                    var cut = faults.FirstOrDefault(f => f.Start >= first.At - InFlight && f.Start <= first.At + AtLeastOnceWindow
                        && (f.EndsEveryTerm || (f.VictimPid is { } victim && victim == first.SenderPid)));
                    var stepDown = samples.FirstOrDefault(s => s.Pid == first.SenderPid && s.At > first.At && s.At <= first.At + AtLeastOnceWindow && !s.IsLeader);
                    string what = string.Create(CultureInfo.InvariantCulture,
                        $"{next.CheckId} {next.Status}: accepted {first.At:0.000}s from pid {first.SenderPid?.ToString(CultureInfo.InvariantCulture) ?? "?"} and {next.At:0.000}s from pid {next.SenderPid?.ToString(CultureInfo.InvariantCulture) ?? "?"}");
                    if (cut is not null)
                    {
                        inside.Add(string.Create(CultureInfo.InvariantCulture, $"{what}; round {cut.Round} {cut.Name} at {cut.Start:0.000}s"));
                    }
                    else if (stepDown is not null)
                    {
                        inside.Add(string.Create(CultureInfo.InvariantCulture, $"{what}; the sender was {stepDown.Role ?? "not leading"} at {stepDown.At:0.000}s"));
                    }
                    else
                    {
                        outside.Add(what);
                    }
                }

                previous = next;
            }
        }

        return (inside, outside);
    }

    /// <summary>
    /// Each request is put in the leader term (process and session) sampled nearest to it, within
    /// <see cref="SampleReach"/>; the terms' first-to-last sends must not overlap. A request from a process sampled as
    /// not leading around it, and from no leader term, is a violation too.
    /// </summary>
    private static (List<string> Violations, int Terms, int Unidentified) Leaders(IReadOnlyList<SentNotification> sent, IReadOnlyList<DaemonSample> samples)
    {
        var violations = new List<string>();
        var requests = sent.DistinctBy(s => (s.At, s.SenderPid)).ToList();
        var byPid = samples.GroupBy(s => s.Pid).ToDictionary(g => g.Key, g => g.OrderBy(s => s.At).ToList());
        var terms = new Dictionary<(int Pid, string Session), (double First, double Last, int Count)>();
        int unidentified = 0;
        foreach (var request in requests)
        {
            if (request.SenderPid is not { } pid)
            {
                unidentified++;
                continue;
            }

            var near = byPid.TryGetValue(pid, out var list) ? list.Where(s => Math.Abs(s.At - request.At) <= SampleReach).ToList() : [];
            var leading = near.Where(s => s.IsLeader && s.Session is not null).MinBy(s => Math.Abs(s.At - request.At));
            if (leading is null)
            {
                if (near.Count > 0)
                {
                    violations.Add(string.Create(CultureInfo.InvariantCulture, $"pid {pid} sent {request.CheckId} {request.Status} at {request.At:0.000}s while sampled not leading ({string.Join(", ", near.Select(s => $"{s.At:0.0}s {s.Role}"))})"));
                }
                else
                {
                    unidentified++;
                }

                continue;
            }

            var key = (pid, leading.Session!);
            terms[key] = terms.TryGetValue(key, out var term)
                ? (Math.Min(term.First, request.At), Math.Max(term.Last, request.At), term.Count + 1)
                : (request.At, request.At, 1);
        }

        var ordered = terms.OrderBy(t => t.Value.First).ToList();
        for (int i = 0; i < ordered.Count; i++)
        {
            for (int j = i + 1; j < ordered.Count; j++)
            {
                var (a, b) = (ordered[i], ordered[j]);
                if (b.Value.First < a.Value.Last)
                {
                    violations.Add(string.Create(CultureInfo.InvariantCulture,
                        $"two leaders sending: pid {a.Key.Pid} session {a.Key.Session} {a.Value.First:0.000}s-{a.Value.Last:0.000}s ({a.Value.Count} requests) and pid {b.Key.Pid} session {b.Key.Session} {b.Value.First:0.000}s-{b.Value.Last:0.000}s ({b.Value.Count})"));
                }
            }
        }

        return (violations, terms.Count, unidentified);
    }
}
