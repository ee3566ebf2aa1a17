using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace ConsulAlerts.Hosting;

/// <summary>
/// Writes log events to a caller's <see cref="TextWriter"/> (the command line run in-process by tests). Serilog's
/// console sink writes only to the process's own console, and Serilog itself ships no sink for a given writer.
/// </summary>
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
