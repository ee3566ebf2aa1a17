using System.Collections.Concurrent;
using ConsulAlerts.Checks;

namespace ConsulAlerts.Tests.Checks;

/// <summary>Keeps every step the tracker hands on, and applies its state writes to a <see cref="RecordingStateStore"/> as the writer would.</summary>
internal sealed class RecordingDecisionSink(RecordingStateStore? store = null) : IDecisionSink
{
    private readonly ConcurrentQueue<CheckDecisions> _steps = new();

    public RecordingStateStore Store { get; } = store ?? new RecordingStateStore();

    public IReadOnlyList<CheckDecisions> Steps => _steps.ToList();

    public IReadOnlyList<CheckTransition> Transitions => Steps.SelectMany(s => s.Changes.Select(c => c.Transition)).ToList();

    public IReadOnlyList<CheckInfo> Vanished => Steps.SelectMany(s => s.Vanished).ToList();

    public IReadOnlyList<MutedChange> Muted => Steps.SelectMany(s => s.Muted).ToList();

    /// <summary>The state writes of each step (plain writes and the states recording decisions), in order.</summary>
    public IReadOnlyList<IReadOnlyList<CheckStateChange>> Writes =>
        Steps.Select(s => (IReadOnlyList<CheckStateChange>)[.. s.Writes, .. s.Changes.Select(c => c.Record), .. s.Muted.Select(m => m.Record)]).Where(w => w.Count > 0).ToList();

    public void Accept(CheckDecisions decisions)
    {
        decisions.IsEmpty.ShouldBeFalse("an empty step is not handed on");
        _steps.Enqueue(decisions);
        foreach (var change in decisions.Writes.Concat(decisions.Changes.Select(c => c.Record)).Concat(decisions.Muted.Select(m => m.Record)))
        {
            if (change.State is null)
            {
                Store.Stored.TryRemove(change.Key, out _);
            }
            else
            {
                Store.Stored[change.Key] = change.State;
            }
        }
    }
}
