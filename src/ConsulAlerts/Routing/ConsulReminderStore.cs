using System.Text.Json;
using ConsulAlerts.Checks;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Txn;
using ConsulAlerts.Hosting;
using ConsulAlerts.Leadership;
using ConsulAlerts.Notifications;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Routing;

/// <summary>
/// Reminders in Consul KV, in the Go daemon's shape, so either daemon can take over the other's reminders. With a
/// <see cref="ILeaderGuard"/>, every write is a transaction that first checks the leader's session, so a daemon that
/// no longer leads cannot change reminders.
/// </summary>
internal sealed class ConsulReminderStore(ConsulClient consul, ConsulAlertsOptions options, ILogger<ConsulReminderStore> logger, ILeaderGuard? leader = null) : IReminderStore
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

    /// <exception cref="ConsulTooLargeException">The reminder is over Consul's size limits; it is not sent.</exception>
    public async Task PutAsync(string key, Message message, CancellationToken cancellationToken)
    {
        var value = JsonSerializer.SerializeToUtf8Bytes(message, NotificationsJsonContext.Default.Message);
        if (leader is null)
        {
            if (value.Length > ConsulLimits.MaxValueBytes)
            {
                throw new ConsulTooLargeException("PUT", "/v1/kv", $"the reminder of {value.Length} bytes is over Consul's {ConsulLimits.MaxValueBytes}-byte value limit");
            }

            await consul.Kv.PutAsync(key, value, cancellationToken: cancellationToken);
            return;
        }

        await WriteGuardedAsync(TxnOperation.KvSet(key, value), cancellationToken);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        if (leader is null)
        {
            await consul.Kv.DeleteAsync(key, cancellationToken: cancellationToken);
            return;
        }

        await WriteGuardedAsync(TxnOperation.KvDelete(key), cancellationToken);
    }

    /// <exception cref="ConsulConflictException">This daemon does not hold the leader lock.</exception>
    /// <exception cref="ConsulTooLargeException">The write is over Consul's size limits and was not sent.</exception>
    private async Task WriteGuardedAsync(TxnOperation write, CancellationToken cancellationToken)
    {
        var guard = leader!.CurrentGuard ?? throw new ConsulConflictException("PUT", "/v1/txn", "this daemon is not the leader");
        var result = await consul.Txn.WriteAsync([write], guard, cancellationToken);
        if (result.Rejected.Count > 0)
        {
            throw new ConsulTooLargeException("PUT", "/v1/txn", "the reminder is over Consul's size limits");
        }
    }
}
