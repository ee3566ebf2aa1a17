using System.Text.Json;
using ConsulAlerts.Checks;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Queries;
using ConsulAlerts.Consul.Txn;
using ConsulAlerts.Hosting;
using ConsulAlerts.Notifications;
using ConsulAlerts.Storage;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Routing;

/// <summary>
/// Reminders in Consul KV, in the Go daemon's shape, so either daemon can take over the other's reminders. Read here
/// (consistently); written by the state writer in the transaction that records each reminder's delivery.
/// </summary>
internal sealed class ConsulReminderStore(ConsulClient consul, ConsulAlertsOptions options, ILogger<ConsulReminderStore> logger) : IReminderStore
{
    private readonly KvLayout _layout = new(options.KvPrefix);

    public string KeyFor(CheckKey check) => _layout.Reminder(check.Node, check.CheckId, check.Datacenter);

    public async Task<IReadOnlyList<KeyValuePair<string, Message>>> LoadAsync(CancellationToken cancellationToken)
    {
        var pairs = await consul.Kv.ListAsync(_layout.Reminders, new QueryOptions { Consistency = ConsulConsistency.Consistent }, cancellationToken);
        var reminders = new List<KeyValuePair<string, Message>>();
        foreach (var pair in pairs.Value)
        {
            if (pair.Value is not { Length: > 0 } value || pair.Key.EndsWith('/'))
            {
                continue;
            }

            try
            {
                var message = JsonSerializer.Deserialize(value, NotificationsJsonContext.Default.Message);
                if (message is not null)
                {
                    reminders.Add(new(pair.Key, message));
                }
            }
            catch (JsonException ex)
            {
                RoutingLog.ReminderUnreadable(logger, pair.Key, ex.Message);
            }
        }

        return reminders;
    }

    /// <summary>The write that stores <paramref name="message"/> as the reminder at <paramref name="key"/>.</summary>
    public static TxnOperation Put(string key, Message message) =>
        TxnOperation.KvSet(key, JsonSerializer.SerializeToUtf8Bytes(message, NotificationsJsonContext.Default.Message));
}
