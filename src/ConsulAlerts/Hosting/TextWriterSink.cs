using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace ConsulAlerts.Hosting;

/// <summary>Writes log events to a <see cref="TextWriter"/>, so the daemon can log into a caller's stream (tests).</summary>
internal sealed class TextWriterSink(TextWriter output, ITextFormatter formatter) : ILogEventSink
{
    private readonly Lock _gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            formatter.Format(logEvent, output);
            output.Flush();
        }
    }
}
