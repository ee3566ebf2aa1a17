namespace ConsulAlerts.Tests.EndToEnd.Nemesis;

/// <summary>The nemesis run on a real agent: a collection of its own, so it runs beside the rest of the suite.</summary>
[CollectionDefinition(Name)]
public sealed class NemesisOnRealAgentGroup
{
    public const string Name = "Nemesis on a real agent";
}
