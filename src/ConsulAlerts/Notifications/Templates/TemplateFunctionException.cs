namespace ConsulAlerts.Notifications.Templates;

/// <summary>A built-in function failed; the executor adds the location and function name.</summary>
internal sealed class TemplateFunctionException(string message) : Exception(message);
