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
}
