namespace ConsulAlerts.Tests;

/// <summary>Short reads of what Microsoft's fake loggers collected, in the shapes the tests assert on.</summary>
internal static class FakeLogExtensions
{
    extension<T>(FakeLogger<T> logger)
    {
        /// <summary>Every record so far, oldest first.</summary>
        public IReadOnlyList<FakeLogRecord> Entries => logger.Collector.GetSnapshot();
    }

    extension(FakeLoggerProvider provider)
    {
        /// <summary>Every record so far as <c>category: message exception</c>, for asserting what text reached the logs.</summary>
        public IReadOnlyList<string> Messages => [.. provider.Collector.GetSnapshot().Select(r => $"{r.Category}: {r.Message} {r.Exception}")];
    }
}
