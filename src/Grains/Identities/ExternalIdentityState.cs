namespace OrleansSessions.Grains.Identities;

/// <summary>The persisted state of an external identity: the user it reaches.</summary>
[GenerateSerializer, Alias("OrleansSessions.ExternalIdentityState")]
public sealed class ExternalIdentityState
{
    [Id(0)] public string? UserId { get; set; }
}
