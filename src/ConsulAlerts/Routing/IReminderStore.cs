using ConsulAlerts.Checks;
using ConsulAlerts.Notifications;

namespace ConsulAlerts.Routing;

/// <summary>Where reminders are kept between restarts: <c>&lt;prefix&gt;/reminders/&lt;node&gt;/&lt;checkID&gt;</c> = a Message.</summary>
internal interface IReminderStore
{
    /// <summary>The key of a check's reminder.</summary>
    string KeyFor(CheckKey check);

    /// <summary>Every stored reminder with its key; values that are not a Message are skipped (and reported).</summary>
    Task<IReadOnlyList<KeyValuePair<string, Message>>> LoadAsync(CancellationToken cancellationToken);

    Task PutAsync(string key, Message message, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
