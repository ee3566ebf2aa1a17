using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Notifiers.Log;

namespace ConsulAlerts.Tests.Notifications.Notifiers.Log;

public sealed class LogNotifierConfigTests
{
    [Fact]
    public void From_NoPath_UsesGoDefault() =>
        LogNotifierConfig.From(new NotifierConfig("log")).Path.ShouldBe("/tmp/consul-notifications.log");

    [Fact]
    public void From_Path_UsesIt() =>
        LogNotifierConfig.From(new NotifierConfig("log") { Values = new Dictionary<string, string> { ["path"] = "/var/log/alerts.log" } })
            .Path.ShouldBe("/var/log/alerts.log");
}
