namespace ConsulAlerts.Tests.Testing;

/// <summary>
/// Sets environment variables of this process for one test and puts the previous values back when disposed. The
/// environment is shared by every test running at the same time: only tests of the <see cref="ProcessEnvironmentGroup"/>
/// collection, which runs alone, may use this.
/// </summary>
internal sealed class ProcessEnvironment : IDisposable
{
    private readonly Dictionary<string, string?> _previous = new(StringComparer.Ordinal);

    /// <param name="variables">Each name with its value, or null to unset it.</param>
    public ProcessEnvironment(params (string Name, string? Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            Set(name, value);
        }
    }

    /// <summary>Sets <paramref name="name"/> (null unsets it); the first value seen is the one restored.</summary>
    public void Set(string name, string? value)
    {
        _previous.TryAdd(name, Environment.GetEnvironmentVariable(name));
        Environment.SetEnvironmentVariable(name, value);
    }

    public void Dispose()
    {
        foreach (var (name, value) in _previous)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
