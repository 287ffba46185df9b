namespace OrleansSessions.Abstractions.Users;

/// <summary>
/// What an identity provider said of the user at its latest login through it (PROVIDERS.md's <c>metadata</c>). Never
/// the account's email, and never a reason to merge accounts.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.UserMetadata")]
public sealed record UserMetadata(string? Name, string? Email, string? Picture, string? FirstName, string? LastName)
{
    public static readonly UserMetadata None = new(null, null, null, null, null);
}
