namespace ConsulAlerts.Configuration;

/// <summary>How a notifier key's KV value must parse.</summary>
internal enum NotifierKeyType
{
    String,

    /// <summary>A value that must never be logged or shown (passwords, API keys, tokens, webhook URLs).</summary>
    Secret,

    Bool,
    Int,

    /// <summary>A JSON array of strings.</summary>
    StringArray,

    /// <summary>A JSON object.</summary>
    JsonObject,

    /// <summary>One of a fixed set of words (<see cref="NotifierKeys.Choices"/>), compared ignoring case.</summary>
    Choice,
}
