using ConsulAlerts.Cli;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Tests.Cli;

public sealed class LogLevelNamesTests
{
    [Theory]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData("DEBUG", LogLevel.Debug)]
    [InlineData("info", LogLevel.Information)]
    [InlineData("Info", LogLevel.Information)]
    [InlineData("warn", LogLevel.Warning)]
    [InlineData("WARN", LogLevel.Warning)]
    [InlineData("warning", LogLevel.Warning)]
    [InlineData("err", LogLevel.Error)]
    [InlineData("ERR", LogLevel.Error)]
    [InlineData("error", LogLevel.Error)]
    [InlineData("Error", LogLevel.Error)]
    [InlineData("trace", LogLevel.Trace)]
    [InlineData("fatal", LogLevel.Critical)]
    [InlineData("panic", LogLevel.Critical)]
    [InlineData(" info ", LogLevel.Information)]
    public void TryParse_KnownName_Parses(string text, LogLevel expected)
    {
        LogLevelNames.TryParse(text, out var level).ShouldBeTrue();
        level.ShouldBe(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("verbose")]
    [InlineData("information")]
    [InlineData("warnings")]
    [InlineData("3")]
    public void TryParse_UnknownName_Fails(string? text)
    {
        LogLevelNames.TryParse(text, out _).ShouldBeFalse();
    }
}
