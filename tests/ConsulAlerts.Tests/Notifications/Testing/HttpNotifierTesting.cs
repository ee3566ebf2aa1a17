using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ConsulAlerts.Tests.Notifications.Testing;

/// <summary>What the HTTP notifier tests share: the real named client, a config, a critical+passing batch.</summary>
internal static class HttpNotifierTesting
{
    /// <summary>The path a receiver sees; stands in for the secret part of a webhook URL.</summary>
    public const string SecretPath = "/hooks/T000SECRET/B000SECRET/xyzSECRETtoken";

    /// <summary>The factory as the daemon registers it.</summary>
    public static IHttpClientFactory Clients()
    {
        var services = new ServiceCollection();
        services.AddHttpClient(NotifierHttp.ClientName).RemoveAllLoggers();
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
    }

    public static NotifierConfig Config(string name, params (string Key, string Value)[] values) =>
        new(name) { Enabled = true, Values = values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal) };

    public static Message[] CriticalAndPassing() =>
    [
        Messages.Critical(),
        Messages.Critical(node: "node2", checkId: "serfHealth") with
        {
            ServiceId = "",
            Service = "",
            Check = "Serf Health Status",
            Status = "passing",
            Output = "Agent alive and reachable",
        },
    ];

    /// <summary>A failure whose text names neither the URL nor any of <paramref name="secrets"/>.</summary>
    public static void ShouldBeSecretFreeFailure(NotifyResult result, bool retryable, string url, params string[] secrets)
    {
        result.Success.ShouldBeFalse();
        result.Retryable.ShouldBe(retryable);
        var error = result.Error.ShouldNotBeNull();
        error.ShouldNotContain(url, Case.Insensitive);
        error.ShouldNotContain("SECRET", Case.Insensitive);
        foreach (var secret in secrets)
        {
            error.ShouldNotContain(secret, Case.Insensitive);
        }
    }
}
