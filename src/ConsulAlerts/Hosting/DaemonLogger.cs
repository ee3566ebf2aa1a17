using System.Globalization;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace ConsulAlerts.Hosting;

/// <summary>
/// Builds the daemon's Serilog logger for the chosen level and format, in code (no configuration binding, no
/// destructuring by reflection: the daemon publishes trimmed). Text: one line per event, an exception's stack trace on
/// the lines after it; JSON: one compact JSON object per line. Both are cleaned by <see cref="SafeLogFormatter"/>.
/// </summary>
internal static class DaemonLogger
{
    // Serilog writes an exception, if any, after the line, followed by a newline of its own.
    private const string Template =
        "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>Creates the logger; <paramref name="output"/> null writes to the process's standard error, like the Go daemon.</summary>
    public static Serilog.Core.Logger Create(LogLevel level, LogFormat format, TextWriter? output)
    {
        var serilogLevel = ToSerilog(level);

        // The framework's own chatter stays at warning unless trace asks for everything: ASP.NET Core logs every
        // request at debug, and HttpClientFactory four lines per request at information (blocking queries would flood).
        var frameworkLevel = serilogLevel == LogEventLevel.Verbose ? LogEventLevel.Verbose : Max(serilogLevel, LogEventLevel.Warning);
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(serilogLevel)
            .MinimumLevel.Override("Microsoft.AspNetCore", frameworkLevel)
            .MinimumLevel.Override("System.Net.Http.HttpClient", frameworkLevel)
            .MinimumLevel.Override("Microsoft.Extensions.Http", frameworkLevel);

        var formatter = CreateFormatter(format);
        configuration = output is null
            ? configuration.WriteTo.Console(formatter, standardErrorFromLevel: LogEventLevel.Verbose)
            : configuration.WriteTo.Sink(new TextWriterSink(output, formatter));
        return configuration.CreateLogger();
    }

    public static ITextFormatter CreateFormatter(LogFormat format) => format switch
    {
        LogFormat.Json => new SafeLogFormatter(new RenderedCompactJsonFormatter(), escapeLines: false),
        _ => new SafeLogFormatter(new MessageTemplateTextFormatter(Template, CultureInfo.InvariantCulture), escapeLines: true),
    };

    public static LogEventLevel ToSerilog(LogLevel level) => level switch
    {
        LogLevel.Trace => LogEventLevel.Verbose,
        LogLevel.Debug => LogEventLevel.Debug,
        LogLevel.Information => LogEventLevel.Information,
        LogLevel.Warning => LogEventLevel.Warning,
        LogLevel.Error => LogEventLevel.Error,
        _ => LogEventLevel.Fatal,
    };

    private static LogEventLevel Max(LogEventLevel a, LogEventLevel b) => a > b ? a : b;
}
