namespace ConsulAlerts.Cli;

/// <summary>Where a setting's value came from, so an error can name it and exit with the matching code.</summary>
internal readonly record struct SettingOrigin(string Label, int ExitCode)
{
    public CommandLineException Invalid(string value, string reason) =>
        new($"invalid {Label} '{value}': {reason}", ExitCode);
}
