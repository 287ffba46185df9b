namespace OrleansSessions.Gateway.Contracts;

public sealed record LoginResponse(string UserId, string DeviceId, string AccessToken, string RefreshToken);
