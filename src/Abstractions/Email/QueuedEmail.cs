namespace OrleansSessions.Abstractions.Email;

/// <summary>
/// An account email waiting in the outbox: what to render and to whom. It holds the mailed token (in plaintext,
/// since the email must carry it) until the email is sent; <see cref="ToString"/> leaves the token and address out.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.QueuedEmail")]
public sealed record QueuedEmail(Guid Id, EmailKind Kind, string To, string Token, DateTimeOffset QueuedAt)
{
    public override string ToString() => $"QueuedEmail({Id}, {Kind})";
}
