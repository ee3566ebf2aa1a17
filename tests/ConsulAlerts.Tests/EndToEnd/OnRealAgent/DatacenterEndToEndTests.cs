namespace ConsulAlerts.Tests.EndToEnd.OnRealAgent;

public sealed class DatacenterEndToEndTests() : DatacenterScenarios(ConsulKind.RealAgent);
