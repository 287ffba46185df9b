namespace OrleansSessions.Client.Models;

/// <summary>A registered device: its id and its secret token (keep it as a password).</summary>
public sealed record DeviceCredentials(string DeviceId, string DeviceToken);
