namespace ConsulAlerts.Notifications;

/// <summary>Where a delivery in <see cref="DeliveryHistory"/> stands.</summary>
internal enum DeliveryHistoryOutcome
{
    /// <summary>The notifier accepted it.</summary>
    Delivered,

    /// <summary>An attempt failed and another one is scheduled.</summary>
    Retrying,

    /// <summary>Given up: not retryable, or out of attempts or time.</summary>
    Failed,
}
