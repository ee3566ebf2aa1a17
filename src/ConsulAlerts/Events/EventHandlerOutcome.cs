namespace ConsulAlerts.Events;

/// <summary>The result of running one handler for one event; output is bounded.</summary>
internal sealed record EventHandlerOutcome(EventHandlerOutcomeKind Kind, int? ExitCode, string Stdout, string Stderr);
