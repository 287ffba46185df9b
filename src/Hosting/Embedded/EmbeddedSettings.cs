using Microsoft.Extensions.Configuration;

namespace OrleansSessions.Hosting.Embedded;

/// <summary>
/// Where the embedded mode (a silo without a cluster) keeps its data (configuration section <c>Embedded</c>).
/// </summary>
public sealed class EmbeddedSettings
{
    public const string Section = "Embedded";

    /// <summary>
    /// The directory of the local database (<c>Embedded__DataDirectory</c>); a relative one is under the working
    /// directory.
    /// </summary>
    public string DataDirectory { get; set; } = Path.Combine(".local", "data");

    /// <summary>Where grain state is kept (<c>Embedded__Storage</c>): <c>sqlite</c> or <c>memory</c>.</summary>
    public EmbeddedStore Storage { get; set; } = EmbeddedStore.Sqlite;

    public static EmbeddedSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<EmbeddedSettings>() ?? new EmbeddedSettings();
}
