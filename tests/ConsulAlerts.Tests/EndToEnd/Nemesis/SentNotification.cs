namespace ConsulAlerts.Tests.EndToEnd.Nemesis;

/// <summary>
/// One message of one request at the receiver: when it arrived (seconds into the run), the check and status, whether
/// the receiver accepted it (answered 200), and the process that sent it (null when it could not be told).
/// </summary>
internal sealed record SentNotification(double At, string CheckId, string Status, bool Accepted, int? SenderPid);
