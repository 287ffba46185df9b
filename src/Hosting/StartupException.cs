namespace OrleansSessions.Hosting;

/// <summary>A start-up failure caused by a setting: the message names the setting and what to do.</summary>
public sealed class StartupException(string setting, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Setting { get; } = setting;
}
