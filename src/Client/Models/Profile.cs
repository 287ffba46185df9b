using System.Text.Json;

namespace OrleansSessions.Client.Models;

/// <summary>A user as it reads itself.</summary>
public sealed record Profile(
    string UserId, string Status, string? Email, IReadOnlyList<Identity> Identities, JsonElement CustomData, DateTimeOffset CreatedAt);
