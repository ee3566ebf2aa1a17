namespace ConsulAlerts.Tests.EndToEnd.OnDevAgent;

public sealed class CheckNotificationEndToEndTests() : CheckNotificationScenarios(ConsulKind.DevAgent);
