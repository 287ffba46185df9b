namespace OrleansSessions.Grains.Identities;

/// <summary>The persisted state of an email/password identity.</summary>
[GenerateSerializer, Alias("OrleansSessions.IdentityState")]
public sealed class IdentityState
{
    [Id(0)] public string? UserId { get; set; }
    [Id(1)] public string? PasswordHash { get; set; }
}
