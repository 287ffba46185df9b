using System.Text.Json;

namespace OrleansSessions.Client.Models;

/// <summary>
/// A user as it reads itself. <see cref="Type"/> is <c>normal</c>, or <c>server</c> for a server API key's user;
/// <see cref="Metadata"/> is what its identity providers said of it (<c>name</c>, <c>email</c>, <c>picture</c>,
/// <c>firstName</c>, <c>lastName</c>; only those they said), never its account email.
/// </summary>
public sealed record Profile(
    string UserId,
    string Status,
    string? Email,
    IReadOnlyList<Identity> Identities,
    JsonElement CustomData,
    DateTimeOffset CreatedAt,
    string Type,
    IReadOnlyDictionary<string, string> Metadata);
