using ConsulAlerts.Hosting;

namespace ConsulAlerts.Cli;

/// <summary>Names of the log formats, case-insensitive: <c>text</c> and <c>json</c>.</summary>
internal static class LogFormatNames
{
    public const string Expected = "text or json";

    public static bool TryParse(string? text, out LogFormat format)
    {
        LogFormat? parsed = text?.Trim().ToUpperInvariant() switch
        {
            "TEXT" => LogFormat.Text,
            "JSON" => LogFormat.Json,
            _ => null,
        };
        format = parsed ?? LogFormat.Text;
        return parsed is not null;
    }
}
