using Microsoft.Extensions.Configuration;

namespace OrleansSessions.Hosting;

/// <summary>
/// The Orleans Dashboard (<c>Sessions:Dashboard</c>): off unless enabled (the Development settings enable it); its
/// silos collect the figures and gateways serve the page at <see cref="Path"/>.
/// </summary>
public sealed class DashboardSettings
{
    public const string Section = "Sessions:Dashboard";

    public bool Enabled { get; set; }

    public string Path { get; set; } = "/dashboard";

    public static DashboardSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<DashboardSettings>() ?? new DashboardSettings();
}
