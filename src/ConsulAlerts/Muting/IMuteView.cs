namespace ConsulAlerts.Muting;

/// <summary>Why checks are muted now, for the API and the dashboard; answered in every role (a standby judges on its latest health read).</summary>
internal interface IMuteView
{
    /// <summary>An evaluator for this moment: ask it about as many checks as needed.</summary>
    MuteEvaluator Evaluator();
}
