using System.Runtime.CompilerServices;
using OrleansSessions.Grains.UserDirectory;
using OrleansSessions.Hosting.Embedded;

namespace OrleansSessions.Hosting.UserDirectory;

/// <summary>The users of the embedded database: its user grain states (<see cref="SqliteGrainStorage"/>'s table).</summary>
public sealed class SqliteUserCatalog(EmbeddedDatabase database) : IUserCatalog
{
    public async IAsyncEnumerable<string> UserIds([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT grain_id FROM grain_state WHERE state_name = $state AND grain_id > $from AND grain_id < $to ORDER BY grain_id";
        command.Parameters.AddWithValue("$state", UserGrainKeys.StateName);
        command.Parameters.AddWithValue("$from", UserGrainKeys.GrainIdPrefix);
        command.Parameters.AddWithValue("$to", UserGrainKeys.GrainIdPrefix[..^1] + "0");
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (UserGrainKeys.UserIdAtEnd(reader.GetString(0)) is { } userId)
            {
                yield return userId;
            }
        }
    }
}
