using ConsulAlerts.Checks;
using ConsulAlerts.Notifications;

namespace ConsulAlerts.Routing;

/// <summary>Where reminders are kept between terms: <c>&lt;prefix&gt;/reminders/&lt;node&gt;/&lt;checkID&gt;</c> = a Message (written by the state writer).</summary>
internal interface IReminderStore
{
    /// <summary>The key of a check's reminder.</summary>
    string KeyFor(CheckKey check);

    /// <summary>Every stored reminder with its key, read consistently (a new leader must see its predecessor's last write); values that are not a Message are skipped (and reported).</summary>
    Task<IReadOnlyList<KeyValuePair<string, Message>>> LoadAsync(CancellationToken cancellationToken);
}
