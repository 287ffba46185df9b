using System.Text.Json;
using OrleansSessions.Abstractions.UserDirectory;

namespace OrleansSessions.Grains.UserDirectory;

/// <summary>An entry as the directory's stores keep it: JSON text.</summary>
public static class DirectoryEntryJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(DirectoryEntry entry) => JsonSerializer.Serialize(entry, Options);

    public static DirectoryEntry Read(string json) =>
        JsonSerializer.Deserialize<DirectoryEntry>(json, Options) ?? throw new JsonException("A directory entry is null.");
}
