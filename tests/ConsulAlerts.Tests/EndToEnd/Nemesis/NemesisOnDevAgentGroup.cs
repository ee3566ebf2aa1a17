namespace ConsulAlerts.Tests.EndToEnd.Nemesis;

/// <summary>The nemesis run on the dev agent: a collection of its own, so it runs beside the rest of the suite.</summary>
[CollectionDefinition(Name)]
public sealed class NemesisOnDevAgentGroup
{
    public const string Name = "Nemesis on the dev agent";
}
