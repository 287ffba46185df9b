using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Gateway.Contracts;

/// <summary>PROVIDERS.md's <c>metadata</c>: what the identity providers said of the user, only the fields they said.</summary>
public static class MetadataResponse
{
    public static IReadOnlyDictionary<string, string> From(UserMetadata metadata, string firstName = "firstName", string lastName = "lastName")
    {
        (string Name, string? Value)[] fields =
        [
            ("name", metadata.Name), ("email", metadata.Email), ("picture", metadata.Picture),
            (firstName, metadata.FirstName), (lastName, metadata.LastName),
        ];
        return fields.Where(f => f.Value is not null).ToDictionary(f => f.Name, f => f.Value!);
    }
}
