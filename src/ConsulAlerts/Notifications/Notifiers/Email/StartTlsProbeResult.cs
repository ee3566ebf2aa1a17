namespace ConsulAlerts.Notifications.Notifiers.Email;

/// <summary>What an EHLO probe learnt: whether the server offers STARTTLS, or why it could not be asked.</summary>
/// <param name="StartTls">Whether <c>STARTTLS</c> is among the server's EHLO extensions.</param>
/// <param name="Failure">Why the server could not be reached or refused the session, or null.</param>
internal readonly record struct StartTlsProbeResult(bool StartTls, NotifyResult? Failure);
