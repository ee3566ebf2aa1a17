namespace ConsulAlerts.Notifications.Notifiers.Email;

/// <summary>How a batch is split into mails.</summary>
internal enum EmailMode
{
    /// <summary>One mail for the whole batch (the default).</summary>
    OnePerBatch,

    /// <summary><c>one-per-node</c>: one mail per node, titled <c>"&lt;cluster&gt; &lt;node&gt;"</c>.</summary>
    OnePerNode,

    /// <summary><c>one-per-alert</c>: one mail per message, titled <c>"&lt;cluster&gt; &lt;node&gt; - &lt;check id&gt;"</c>; wins over per node.</summary>
    OnePerAlert,
}
