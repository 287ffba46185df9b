namespace OrleansSessions.Abstractions.Users;

/// <summary>
/// One account (key: user id): identities, status, custom data, sessions and the devices that hold it. The one
/// place where a session is created, refreshed, checked and ended. After every change that ends a session it
/// tells each device concerned, and it has persisted what it still has to tell before it answers.
/// Calls that act for a signed-in user carry its session id, checked first (<c>session-revoked</c>).
/// Its calls are grouped by concern in the interfaces it joins.
/// </summary>
[Alias("OrleansSessions.IUserGrain")]
public interface IUserGrain : IUserAccountGrain, IUserSessionsGrain, IAccountTokensGrain, IUserAdminGrain, IUserAuditGrain,
    IUserApiKeysGrain;
