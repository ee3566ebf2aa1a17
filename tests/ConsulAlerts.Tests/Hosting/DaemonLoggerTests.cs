using ConsulAlerts.Hosting;
using Microsoft.Extensions.Logging;
using Serilog.Events;

namespace ConsulAlerts.Tests.Hosting;

public sealed class DaemonLoggerTests
{
    [Theory]
    [InlineData(LogLevel.Trace, LogEventLevel.Verbose)]
    [InlineData(LogLevel.Debug, LogEventLevel.Debug)]
    [InlineData(LogLevel.Information, LogEventLevel.Information)]
    [InlineData(LogLevel.Warning, LogEventLevel.Warning)]
    [InlineData(LogLevel.Error, LogEventLevel.Error)]
    [InlineData(LogLevel.Critical, LogEventLevel.Fatal)]
    public void ToSerilog_Level_MapsToSerilogLevel(LogLevel level, LogEventLevel expected)
    {
        DaemonLogger.ToSerilog(level).ShouldBe(expected);
    }

    [Fact]
    public void Create_WarningLevel_DropsInformationAndWritesWarning()
    {
        using var output = new StringWriter();
        using (var logger = DaemonLogger.Create(LogLevel.Warning, output))
        {
            logger.Information("quiet {Value}", 1);
            logger.Warning("loud {Value}", 2);
        }

        output.ToString().ShouldNotContain("quiet");
        output.ToString().ShouldContain("[WRN]");
        output.ToString().ShouldContain("loud 2");
    }

    [Fact]
    public void Create_DebugLevel_HidesAspNetCoreDebugButShowsOurs()
    {
        using var output = new StringWriter();
        using (var logger = DaemonLogger.Create(LogLevel.Debug, output))
        {
            logger.ForContext("SourceContext", "Microsoft.AspNetCore.Routing").Debug("routing chatter");
            logger.ForContext("SourceContext", "ConsulAlerts.Daemon").Debug("our detail");
        }

        output.ToString().ShouldNotContain("routing chatter");
        output.ToString().ShouldContain("ConsulAlerts.Daemon: our detail");
    }

    [Fact]
    public void Create_ValuesWithLineBreaksAndControls_EachEventStaysOneLine()
    {
        using var output = new StringWriter();
        using (var logger = DaemonLogger.Create(LogLevel.Information, output))
        {
            logger.Warning("Check {CheckId} on {Node} is {Status}", "x\n2026-01-01T00:00:00.000+00:00 [INF] forged: all is well", "n\r1\u001b[2J\u0007\0", "ok\u2028");
        }

        var text = output.ToString();
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem();
        text.ShouldContain("Check x\\n2026-01-01T00:00:00.000+00:00 [INF] forged: all is well on n\\r1\\u001b[2J\\u0007\\u0000 is ok\\u2028");
        text.ShouldNotContain("\r");
        text.ShouldNotContain("\u001b");
    }

    [Fact]
    public void Create_StructuredValues_AreEscapedInTheTextButKeptRawInTheEvent()
    {
        using var output = new StringWriter();
        var sink = new CapturingSink();
        using (var logger = new Serilog.LoggerConfiguration().WriteTo.Sink(sink).WriteTo.Logger(DaemonLogger.Create(LogLevel.Information, output)).CreateLogger())
        {
            logger.Warning("Names {Names}", new[] { "a\nb", "c" });
        }

        output.ToString().ShouldContain("a\\nb");
        sink.Events.ShouldHaveSingleItem().Properties["Names"].ToString().ShouldContain("a\nb");
    }

    [Fact]
    public void Create_ExceptionMessageWithLineBreaks_IsEscapedAndTheStackTraceKept()
    {
        using var output = new StringWriter();
        Exception thrown;
        try
        {
            throw new InvalidOperationException("bad\n2026-01-01T00:00:00.000+00:00 [INF] forged", new FormatException("inner\rpart"));
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex;
        }

        using (var logger = DaemonLogger.Create(LogLevel.Information, output))
        {
            logger.Error(thrown, "Something failed");
        }

        var lines = output.ToString().Split('\n');
        lines.ShouldNotContain(l => l.StartsWith("2026-01-01", StringComparison.Ordinal));
        output.ToString().ShouldContain("System.InvalidOperationException: bad\\n2026-01-01T00:00:00.000+00:00 [INF] forged");
        output.ToString().ShouldContain("System.FormatException: inner\\rpart");
        output.ToString().ShouldContain(nameof(Create_ExceptionMessageWithLineBreaks_IsEscapedAndTheStackTraceKept));
    }

    private sealed class CapturingSink : Serilog.Core.ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }

    [Theory]
    [InlineData("https://bot:URL-SECRET@chat.example.com/team", "https://chat.example.com/team")]
    [InlineData("see http://URL-SECRET@10.0.0.1:8065 and smtp://u:URL-SECRET@mail:25/", "see http://10.0.0.1:8065 and smtp://mail:25/")]
    public void Create_UrlWithUserInfo_IsLoggedWithoutIt(string value, string logged)
    {
        using var output = new StringWriter();
        using (var logger = DaemonLogger.Create(LogLevel.Debug, output))
        {
            logger.Debug("Posting to {Server}", value);
            logger.Debug("As an object: {Url}", new Uri(value.Split(' ').Last(s => s.Contains("://", StringComparison.Ordinal))));
            logger.Error(new HttpRequestException($"failed for {value}"), "Failed");
        }

        output.ToString().ShouldNotContain("URL-SECRET");
        output.ToString().ShouldContain("Posting to " + logged);
    }
}
