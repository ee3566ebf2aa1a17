namespace ConsulAlerts.Checks;

/// <summary>A check's identity: node and check ID (check IDs are unique per node).</summary>
internal readonly record struct CheckKey(string Node, string CheckId)
{
    public override string ToString() => $"{Node}/{CheckId}";
}
