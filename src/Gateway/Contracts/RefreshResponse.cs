namespace OrleansSessions.Gateway.Contracts;

public sealed record RefreshResponse(string AccessToken, string RefreshToken);
