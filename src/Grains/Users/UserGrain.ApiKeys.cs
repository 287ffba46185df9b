using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.ApiKeys;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Users;

/// <summary>The user grain as API keys need it: server users, the sessions a key opened, the key owner's check.</summary>
public sealed partial class UserGrain
{
    public async Task CreateServer(string apiKeyId)
    {
        if (User.Account.WasCreated)
        {
            throw new SessionsException(ErrorCodes.AccountNameInUse, "This user id is taken.");
        }

        User.Account.CreateServer(apiKeyId, Now);
        await Commit();
    }

    public async Task EndApiKeySessions(string apiKeyId)
    {
        if (User.EndApiKeySessions(apiKeyId))
        {
            Audit(AuditActions.Logout, AuditActions.BySystem, outcome: "api-key-disabled");
            await Commit();
        }
    }

    public Task<ApiKeyHolder> CheckApiKeyHolder(string sessionId, TokenHash? refreshTokenHash)
    {
        var session = refreshTokenHash is null
            ? User.Sessions.Check(sessionId, Now)
            : User.Sessions.CheckRefreshToken(sessionId, refreshTokenHash, Now);
        return Task.FromResult(new ApiKeyHolder(User.Account.MayHaveApiKeys, session.ApiKeyId));
    }
}
