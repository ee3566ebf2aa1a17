using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Http;

namespace ConsulAlerts.Notifications.Notifiers.AwsSns;

/// <summary>Settings of the <c>awssns</c> notifier (<c>notifiers/awssns/*</c>).</summary>
/// <param name="ClusterName">The template data's <c>ClusterName</c>.</param>
/// <param name="Region">The AWS region; null when neither set nor in <c>AWS_REGION</c>/<c>AWS_DEFAULT_REGION</c>.</param>
/// <param name="TopicArn">The topic published to, or null.</param>
/// <param name="Template">The path of a Go template file for the message body, or null for the default body.</param>
/// <param name="BaseUrl">Where the Query API is POSTed instead of <c>https://sns.&lt;region&gt;.amazonaws.com/</c>, or null.</param>
internal sealed record AwsSnsNotifierConfig(string ClusterName, string? Region, string? TopicArn, string? Template, string? BaseUrl)
{
    /// <param name="config">The notifier's KV settings.</param>
    /// <param name="environment">Reads an environment variable, for the region fallback.</param>
    public static AwsSnsNotifierConfig From(NotifierConfig config, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var region = NotifierSettings.Optional(config, "region")
            ?? Blank(environment("AWS_REGION"))
            ?? Blank(environment("AWS_DEFAULT_REGION"));
        return new AwsSnsNotifierConfig(
            NotifierSettings.ClusterName(config),
            region,
            NotifierSettings.Optional(config, "topic-arn"),
            NotifierSettings.Optional(config, "template"),
            NotifierSettings.Optional(config, "base-url"));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
