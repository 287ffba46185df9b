namespace OrleansSessions.Gateway.Email;

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpTls
{
    /// <summary>Plain text (a development server on the same machine or network only).</summary>
    None,

    /// <summary>Plain connect, then STARTTLS, which the server must offer (port 587 by default).</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, port 465 by default).</summary>
    Tls,
}
