using System.Text.Json;

namespace OrleansSessions.Client.Models;

/// <summary>A user as an admin sees it (<see cref="Type"/> and <see cref="Metadata"/> as in <see cref="Profile"/>).</summary>
public sealed record AdminUser(
    string UserId,
    string Status,
    string? Email,
    IReadOnlyList<Identity> Identities,
    JsonElement CustomData,
    DateTimeOffset CreatedAt,
    IReadOnlyList<Session> Sessions,
    IReadOnlyList<string> DeviceIds,
    string Type,
    IReadOnlyDictionary<string, string> Metadata);
