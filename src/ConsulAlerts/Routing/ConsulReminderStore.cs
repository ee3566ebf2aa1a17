using System.Text.Json;
using ConsulAlerts.Checks;
using ConsulAlerts.Consul;
using ConsulAlerts.Hosting;
using ConsulAlerts.Notifications;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Routing;

/// <summary>Reminders in Consul KV, in the Go daemon's shape, so either daemon can take over the other's reminders.</summary>
internal sealed class ConsulReminderStore(ConsulClient consul, ConsulAlertsOptions options, ILogger<ConsulReminderStore> logger) : IReminderStore
{
    private string Prefix => options.KvPrefix.Trim('/') + "/reminders/";

    public string KeyFor(CheckKey check) => Prefix + check.Node + "/" + check.CheckId;

    public async Task<IReadOnlyList<KeyValuePair<string, Message>>> LoadAsync(CancellationToken cancellationToken)
    {
        var pairs = await consul.Kv.ListAsync(Prefix, cancellationToken: cancellationToken);
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

    public async Task PutAsync(string key, Message message, CancellationToken cancellationToken) =>
        await consul.Kv.PutAsync(key, JsonSerializer.SerializeToUtf8Bytes(message, NotificationsJsonContext.Default.Message), cancellationToken: cancellationToken);

    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await consul.Kv.DeleteAsync(key, cancellationToken: cancellationToken);
}
