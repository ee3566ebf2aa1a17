using ConsulAlerts.DevAgent;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// The Consul agent an end-to-end test runs the daemon against: the dev agent or a real one, behind one surface so a
/// scenario is written once and run against either.
/// </summary>
internal abstract class ConsulUnderTest : IAsyncDisposable
{
    public abstract ConsulKind Kind { get; }

    /// <summary>Base address of the HTTP API.</summary>
    public abstract Uri Address { get; }

    public int Port => Address.Port;

    /// <summary>The agent's node name, which checks registered on it belong to.</summary>
    public abstract string NodeName { get; }

    /// <summary>The in-process dev agent, for tests that switch its faults on; null for a real agent.</summary>
    public virtual DevAgentServer? DevAgent => null;

    /// <summary>The agent's log, for failure messages (empty for the dev agent).</summary>
    public virtual string Output => string.Empty;

    /// <summary>
    /// Starts an agent of <paramref name="kind"/>; for a real agent without a Consul binary the calling test is skipped
    /// with the reason (it must be a <c>[SkippableFact]</c>).
    /// </summary>
    public static async Task<ConsulUnderTest> StartAsync(ConsulKind kind, double sessionTtlMultiplier = 2)
    {
        if (kind == ConsulKind.DevAgent)
        {
            return await DevConsulUnderTest.StartAsync(sessionTtlMultiplier);
        }

        Skip.If(ConsulBinary.Path is null, ConsulBinary.MissingReason);
        return new RealConsulUnderTest(await RealConsulAgent.StartAsync());
    }

    /// <summary>
    /// Starts an agent that answers HTTP but has no cluster leader until <see cref="ElectLeaderAsync"/>: the dev agent
    /// with its no-leader fault on, or the first of two real servers that wait for each other before electing one.
    /// </summary>
    public static async Task<ConsulUnderTest> StartWithoutLeaderAsync(ConsulKind kind)
    {
        if (kind == ConsulKind.DevAgent)
        {
            var dev = await DevConsulUnderTest.StartAsync(2);
            dev.DevAgent.Faults.NoLeader = true;
            return dev;
        }

        Skip.If(ConsulBinary.Path is null, ConsulBinary.MissingReason);
        var first = await RealConsulAgent.StartAsync(new RealConsulAgentOptions { Dev = false, BootstrapExpect = 2, WaitForLeader = false });
        return new RealConsulUnderTest(first);
    }

    /// <summary>Gives an agent from <see cref="StartWithoutLeaderAsync"/> its leader, and waits for it.</summary>
    public abstract Task ElectLeaderAsync();

    /// <summary>Stops the agent and starts it again on the same port; in dev mode every piece of data is lost.</summary>
    public abstract Task RestartAsync();

    /// <summary>Kills the agent (no leave, no clean-up) and starts it again on the same port; dev mode loses every piece of data.</summary>
    public virtual Task KillAndRestartAsync() => RestartAsync();

    /// <summary>Whether <see cref="PauseAsync"/> can stop the agent's process (a real agent; the dev agent runs in the tests' own).</summary>
    public virtual bool CanPause => false;

    /// <summary>SIGSTOP of the agent's process: it keeps its sockets and answers nothing.</summary>
    public virtual Task PauseAsync() => throw new NotSupportedException("the dev agent runs in the tests' own process");

    /// <summary>SIGCONT after <see cref="PauseAsync"/>.</summary>
    public virtual Task ResumeAsync() => throw new NotSupportedException("the dev agent runs in the tests' own process");

    public abstract ValueTask DisposeAsync();
}
