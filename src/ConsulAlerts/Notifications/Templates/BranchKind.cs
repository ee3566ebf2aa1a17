namespace ConsulAlerts.Notifications.Templates;

internal enum BranchKind
{
    If,
    With,
    Range,
}
