using System.Globalization;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;

namespace ConsulAlerts.Hosting;

/// <summary>
/// Builds the daemon's Serilog logger for the chosen level: one line per event (values escaped by
/// <see cref="SafeTextFormatter"/>), an exception's stack trace on the lines after it.
/// </summary>
internal static class DaemonLogger
{
    // The exception, if any, follows on the next lines, written by SafeTextFormatter.
    private const string Template =
        "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}";

    /// <summary>Creates the logger; <paramref name="output"/> null writes to the process's standard error, like the Go daemon.</summary>
    public static Serilog.Core.Logger Create(LogLevel level, TextWriter? output)
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

        var formatter = new SafeTextFormatter(Template, CultureInfo.InvariantCulture);
        configuration = output is null
            ? configuration.WriteTo.Console(formatter, standardErrorFromLevel: LogEventLevel.Verbose)
            : configuration.WriteTo.Sink(new TextWriterSink(output, formatter));
        return configuration.CreateLogger();
    }

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
