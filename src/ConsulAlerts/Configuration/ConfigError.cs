using ConsulAlerts.Diagnostics;

namespace ConsulAlerts.Configuration;

/// <summary>A KV value that could not be used, with the full key that holds it. Never carries the value of a secret.</summary>
/// <param name="Key">The full KV key, e.g. <c>consul-alerts/config/checks/change-threshold</c>.</param>
/// <param name="Message">What is wrong and what is used instead.</param>
internal sealed record ConfigError(string Key, string Message)
{
    /// <summary>One line: a key may hold any character, so control characters are escaped.</summary>
    public override string ToString() => $"{LineText.Escape(Key)}: {LineText.Escape(Message)}";
}
