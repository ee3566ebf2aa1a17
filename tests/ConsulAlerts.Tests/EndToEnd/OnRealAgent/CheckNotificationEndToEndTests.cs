namespace ConsulAlerts.Tests.EndToEnd.OnRealAgent;

public sealed class CheckNotificationEndToEndTests() : CheckNotificationScenarios(ConsulKind.RealAgent);
