namespace ConsulAlerts.Tests.EndToEnd.OnDevAgent;

public sealed class DatacenterEndToEndTests() : DatacenterScenarios(ConsulKind.DevAgent);
