namespace OrleansSessions.Abstractions.Email;

/// <summary>An email handed to a sender, which reports it sent or failed; <paramref name="Attempt"/> counts from 1.</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.LeasedEmail")]
public sealed record LeasedEmail(QueuedEmail Email, int Attempt);
