using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Tests.Consul.Blocking;

/// <summary>A broken log sink: every write throws (FakeLogger only records, it cannot fail).</summary>
internal sealed class ThrowingLogger : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        throw new InvalidOperationException("log sink is down");
}
