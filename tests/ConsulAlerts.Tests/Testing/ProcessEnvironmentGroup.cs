namespace ConsulAlerts.Tests.Testing;

/// <summary>
/// Tests that change this process's environment variables (<see cref="ProcessEnvironment"/>) run in this collection,
/// alone: no other test runs while they do, so none sees their variables.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentGroup
{
    public const string Name = "Process environment";
}
