namespace ConsulAlerts.Muting;

/// <summary>The labels a matcher (of a silence or an inhibition rule) can test, by their names in JSON.</summary>
internal static class MatcherLabel
{
    public const string Node = "node";

    /// <summary>The service's name.</summary>
    public const string Service = "service";

    public const string ServiceId = "service-id";

    /// <summary>The check's ID.</summary>
    public const string Check = "check";

    public const string CheckName = "check-name";

    /// <summary>The status being decided (<c>passing</c>, <c>warning</c>, <c>critical</c>).</summary>
    public const string Status = "status";

    /// <summary>The service's tags: an equality matcher holds when any tag matches, a negated one when none does.</summary>
    public const string ServiceTags = "service-tags";

    public const string Datacenter = "datacenter";

    /// <summary>Every label, in the order they are documented.</summary>
    public static IReadOnlyList<string> All { get; } = [Node, Service, ServiceId, Check, CheckName, Status, ServiceTags, Datacenter];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}
