namespace ConsulAlerts.Notifications.Pipeline;

/// <summary>How a delivery ended.</summary>
internal enum DeliveryOutcome
{
    /// <summary>The notifier accepted it.</summary>
    Delivered,

    /// <summary>Given up: a failure not worth retrying, or the retry policy's attempts or age ran out.</summary>
    Failed,

    /// <summary>Not finished: the term ended or the daemon stopped; its outbox entry stays for the next leader.</summary>
    Abandoned,
}
