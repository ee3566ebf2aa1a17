using System.Text.Json;
using ConsulAlerts.Hosting;
using Microsoft.Extensions.Logging;
using Serilog.Events;
using Serilog.Parsing;

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
        using (var logger = DaemonLogger.Create(LogLevel.Warning, LogFormat.Text, output))
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
        using (var logger = DaemonLogger.Create(LogLevel.Debug, LogFormat.Text, output))
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
        using (var logger = DaemonLogger.Create(LogLevel.Information, LogFormat.Text, output))
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
        using (var logger = new Serilog.LoggerConfiguration().WriteTo.Sink(sink).WriteTo.Logger(DaemonLogger.Create(LogLevel.Information, LogFormat.Text, output)).CreateLogger())
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

        using (var logger = DaemonLogger.Create(LogLevel.Information, LogFormat.Text, output))
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
        using (var logger = DaemonLogger.Create(LogLevel.Debug, LogFormat.Text, output))
        {
            logger.Debug("Posting to {Server}", value);
            logger.Debug("As an object: {Url}", new Uri(value.Split(' ').Last(s => s.Contains("://", StringComparison.Ordinal))));
            logger.Error(new HttpRequestException($"failed for {value}"), "Failed");
        }

        output.ToString().ShouldNotContain("URL-SECRET");
        output.ToString().ShouldContain("Posting to " + logged);
    }

    [Fact]
    public void Create_TextFormat_OrdinaryEventIsTheDaemonsLine()
    {
        using var output = new StringWriter();
        using (var logger = DaemonLogger.Create(LogLevel.Information, LogFormat.Text, output))
        {
            logger.Write(Event(LogEventLevel.Warning, exception: null));
        }

        output.ToString().ShouldBe("2026-01-02T03:04:05.678+00:00 [WRN] ConsulAlerts.Checks.CheckTracker: Check web on node-1 is critical\n");
    }

    [Fact]
    public void Create_TextFormat_ExceptionFollowsOnTheNextLines()
    {
        using var output = new StringWriter();
        using (var logger = DaemonLogger.Create(LogLevel.Information, LogFormat.Text, output))
        {
            logger.Write(Event(LogEventLevel.Error, new InvalidOperationException("broken")));
        }

        output.ToString().ShouldBe(
            "2026-01-02T03:04:05.678+00:00 [ERR] ConsulAlerts.Checks.CheckTracker: Check web on node-1 is critical\n" +
            "System.InvalidOperationException: broken\n");
    }

    [Fact]
    public void Create_JsonFormat_WritesOneCompactJsonObjectPerLine()
    {
        using var output = new StringWriter();
        using (var logger = DaemonLogger.Create(LogLevel.Information, LogFormat.Json, output))
        {
            logger.Write(Event(LogEventLevel.Warning, exception: null, withNames: true));
            logger.Information("second {Count}", 2);
            logger.Debug("below the level");
        }

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(2);
        using var first = JsonDocument.Parse(lines[0]);
        var root = first.RootElement;
        root.GetProperty("@t").GetString().ShouldBe("2026-01-02T03:04:05.6780000Z");
        root.GetProperty("@l").GetString().ShouldBe("Warning");
        root.GetProperty("@m").GetString().ShouldBe("Check \"web\" on \"node-1\" is \"critical\", names [\"a\", \"b\"]");
        root.GetProperty("SourceContext").GetString().ShouldBe("ConsulAlerts.Checks.CheckTracker");
        root.GetProperty("CheckId").GetString().ShouldBe("web");
        root.GetProperty("Names").EnumerateArray().Select(e => e.GetString()).ShouldBe(["a", "b"]);
        using var second = JsonDocument.Parse(lines[1]);
        second.RootElement.GetProperty("Count").GetInt32().ShouldBe(2);
    }

    [Fact]
    public void Create_JsonFormat_ValuesWithLineBreaksStayInTheirObject()
    {
        using var output = new StringWriter();
        using (var logger = DaemonLogger.Create(LogLevel.Information, LogFormat.Json, output))
        {
            logger.Warning("Check {CheckId} is {Status}", "x\n{\"@l\":\"Information\",\"@m\":\"forged\"}", "ok\u2028\u009b");
        }

        var line = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem();
        using var document = JsonDocument.Parse(line);
        document.RootElement.GetProperty("CheckId").GetString().ShouldBe("x\n{\"@l\":\"Information\",\"@m\":\"forged\"}");
        document.RootElement.GetProperty("Status").GetString().ShouldBe("ok\uFFFD\uFFFD");
    }

    [Fact]
    public void Create_JsonFormat_ExceptionMessageIsEscapedAndTheStackTraceKeepsItsLines()
    {
        using var output = new StringWriter();
        using (var logger = DaemonLogger.Create(LogLevel.Information, LogFormat.Json, output))
        {
            logger.Error(Thrown(), "Something failed");
        }

        using var document = JsonDocument.Parse(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem());
        var exception = document.RootElement.GetProperty("@x").GetString()!;
        exception.ShouldStartWith("System.InvalidOperationException: bad\\n2026-01-01T00:00:00.000+00:00 [INF] forged");
        exception.ShouldContain("System.FormatException: inner\\rpart");
        exception.ShouldContain("\n   at ");
        exception.ShouldContain(nameof(Thrown));
    }

    [Theory]
    [InlineData(LogFormat.Text)]
    [InlineData(LogFormat.Json)]
    public void Create_AnyFormat_UrlUserInfoNeverReachesTheLog(LogFormat format)
    {
        using var output = new StringWriter();
        using (var logger = DaemonLogger.Create(LogLevel.Debug, format, output))
        {
            logger.Debug("Posting to {Server}", "https://bot:URL-SECRET@chat.example.com/team");
            logger.Debug("As an object: {Url}", new Uri("http://URL-SECRET@10.0.0.1:8065/"));
            logger.Debug("In a list: {Urls}", new[] { "smtp://u:URL-SECRET@mail:25/" });
            logger.Debug("In a map: {Servers}", new Dictionary<string, string> { ["smtp://k:URL-SECRET@a/"] = "smtp://u:URL-SECRET@mail:25/" });
            logger.Error(new HttpRequestException("failed for https://u:URL-SECRET@h/x", new IOException("at http://URL-SECRET@h2/")), "Failed");
        }

        output.ToString().ShouldNotContain("URL-SECRET");
        output.ToString().ShouldContain("chat.example.com/team");
        output.ToString().ShouldContain("failed for https://h/x");
    }

    // The daemon's own messages carry strings and numbers; a sequence (withNames) shows structured values in JSON.
    private static LogEvent Event(LogEventLevel level, Exception? exception, bool withNames = false) => new(
        new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero),
        level,
        exception,
        new MessageTemplateParser().Parse(withNames ? "Check {CheckId} on {Node} is {Status}, names {Names}" : "Check {CheckId} on {Node} is {Status}"),
        [
            new LogEventProperty("CheckId", new ScalarValue("web")),
            new LogEventProperty("Node", new ScalarValue("node-1")),
            new LogEventProperty("Status", new ScalarValue("critical")),
            new LogEventProperty("Names", new SequenceValue([new ScalarValue("a"), new ScalarValue("b")])),
            new LogEventProperty("SourceContext", new ScalarValue("ConsulAlerts.Checks.CheckTracker")),
        ]);

    private static InvalidOperationException Thrown()
    {
        try
        {
            throw new InvalidOperationException("bad\n2026-01-01T00:00:00.000+00:00 [INF] forged", new FormatException("inner\rpart"));
        }
        catch (InvalidOperationException ex)
        {
            return ex;
        }
    }
}
