using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Gateway.Contracts;

public sealed record RegisterResponse(string UserId, UserStatus Status);
