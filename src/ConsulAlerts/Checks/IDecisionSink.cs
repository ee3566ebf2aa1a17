namespace ConsulAlerts.Checks;

/// <summary>The next stage after the <see cref="CheckTracker"/> (the router): takes each step's decisions, in order.</summary>
internal interface IDecisionSink
{
    /// <summary>Takes the decisions of one step. Called in decision order, under the tracker's lock: it must not block on I/O.</summary>
    void Accept(CheckDecisions decisions);
}
