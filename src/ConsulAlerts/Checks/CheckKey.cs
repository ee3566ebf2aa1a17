namespace ConsulAlerts.Checks;

/// <summary>A check's identity: datacenter (empty for the agent's own), node and check ID (check IDs are unique per node).</summary>
internal readonly record struct CheckKey(string Node, string CheckId, string Datacenter = "")
{
    public override string ToString() => Datacenter.Length == 0 ? $"{Node}/{CheckId}" : $"{Datacenter}/{Node}/{CheckId}";
}
