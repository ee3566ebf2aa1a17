namespace ConsulAlerts.Notifications.Notifiers.Email;

/// <summary>How the email notifier secures its SMTP connection (<c>tls</c>).</summary>
internal enum EmailTlsMode
{
    /// <summary><c>auto</c> (the default): implicit TLS on port 465, elsewhere STARTTLS whenever the server offers it.</summary>
    Auto,

    /// <summary><c>required</c>: never in clear: implicit TLS on port 465, elsewhere the server must offer STARTTLS.</summary>
    Required,

    /// <summary><c>implicit</c>: TLS from the first byte (SMTPS), whatever the port.</summary>
    Implicit,
}
