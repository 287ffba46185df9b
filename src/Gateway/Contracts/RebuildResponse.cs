namespace OrleansSessions.Gateway.Contracts;

/// <summary>The user directory after a rebuild: how many users it lists.</summary>
public sealed record RebuildResponse(long Users);
