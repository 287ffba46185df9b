using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.ApiKeys;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Tests.Cluster;

/// <summary>The rules of API keys, in the key-list and key grains of a real cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ApiKeyGrainTests(ClusterFixture fixture)
{
    private readonly Sessions _sessions = new(fixture.Grains);

    private IApiKeyListGrain List(string owner) => fixture.Grains.GetGrain<IApiKeyListGrain>(owner);

    private IApiKeyGrain Key(string secret) => fixture.Grains.GetGrain<IApiKeyGrain>(ApiKeySecret.LookupIdOf(secret));

    private async Task<(ApiKey Key, string Secret)> Create(string owner, string name, int limit = 20)
    {
        var secret = ApiKeySecret.New();
        return (await List(owner).Create(ApiKeySecret.Describe(name, secret), limit), secret);
    }

    private async Task<SessionGrant> LogIn(string secret)
    {
        var device = await _sessions.RegisterDevice();
        var userId = await Key(secret).Authenticate(TokenHash.Of(secret));
        var info = await device.Grain.AdmitLogin(device.Token, userId, maxUsers: 20);
        return await Key(secret).Login(TokenHash.Of(secret), new NewSession(info, TokenHash.Of(Ids.NewSecret())));
    }

    [Fact]
    public async Task Names_are_unique_case_insensitively_and_the_list_is_limited_and_oldest_first()
    {
        var owner = await _sessions.RegisterUser();
        var first = await Create(owner, "Straße", limit: 2);
        var duplicate = await Assert.ThrowsAsync<SessionsException>(() => Create(owner, "STRASSE".Replace("SS", "ß"), limit: 2));
        var second = await Create(owner, "second", limit: 2);
        var full = await Assert.ThrowsAsync<SessionsException>(() => Create(owner, "third", limit: 2));

        Assert.Equal(ErrorCodes.ApiKeyNameInUse, duplicate.Code);
        Assert.Equal(ErrorCodes.ApiKeyLimitReached, full.Code);
        Assert.Equal([first.Key.Id, second.Key.Id], (await List(owner).List()).Select(k => k.Id));
        Assert.Equal(owner, first.Key.UserId);
        Assert.Equal(ErrorCodes.ApiKeyNotFound, (await Assert.ThrowsAsync<SessionsException>(() => List(owner).Get(Ids.New()))).Code);
    }

    [Fact]
    public async Task Only_the_right_secret_of_an_enabled_key_logs_in()
    {
        var owner = await _sessions.RegisterUser();
        var (key, secret) = await Create(owner, "k");

        Assert.Equal(owner, await Key(secret).Authenticate(TokenHash.Of(secret)));
        var wrong = await Assert.ThrowsAsync<SessionsException>(() => Key(secret).Authenticate(TokenHash.Of(secret + "x")));
        Assert.Equal(ErrorCodes.InvalidCredentials, wrong.Code);

        await List(owner).Disable(key.Id);
        var disabled = await Assert.ThrowsAsync<SessionsException>(() => LogIn(secret));
        Assert.Equal(ErrorCodes.InvalidCredentials, disabled.Code);
        Assert.True((await List(owner).Get(key.Id)).Disabled);
    }

    [Fact]
    public async Task No_session_opened_by_a_login_racing_a_disable_outlives_it()
    {
        var owner = await _sessions.RegisterUser();
        var (key, secret) = await Create(owner, "raced");

        var logins = Enumerable.Range(0, 8).Select(_ => LogIn(secret)).ToList();
        var disable = List(owner).Disable(key.Id);
        await disable;
        foreach (var login in logins)
        {
            try
            {
                await login;
            }
            catch (SessionsException refused) when (refused.Code == ErrorCodes.InvalidCredentials)
            {
                // Came after the disable.
            }
        }

        Assert.Empty((await _sessions.User(owner).GetAdminView()).Sessions);
    }

    [Fact]
    public async Task A_server_key_comes_with_a_server_user_that_goes_with_it()
    {
        var (key, secret) = await Create(ApiKeyLists.Server, $"server {Ids.New()}");
        var grant = await LogIn(secret);

        var user = await _sessions.User(key.UserId).GetAdminView();
        Assert.Equal(key.UserId, grant.UserId);
        Assert.Equal(UserType.Server, user.Profile.Type);
        Assert.Equal([new UserIdentity(ProviderTypes.ApiKey, key.Id)], user.Profile.Identities);
        var holder = await _sessions.User(key.UserId).CheckApiKeyHolder(grant.SessionId, null);
        Assert.Equal(new ApiKeyHolder(MayHaveKeys: false, key.Id), holder);

        await List(ApiKeyLists.Server).Delete(key.Id);

        Assert.False(await _sessions.User(key.UserId).Exists());
        Assert.Null(await Key(secret).Get());
    }

    [Fact]
    public async Task A_deleted_user_takes_its_keys_with_it()
    {
        var owner = await _sessions.RegisterUser();
        var (_, secret) = await Create(owner, "k");
        await LogIn(secret);

        await _sessions.User(owner).Delete();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await Key(secret).Get() is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Null(await Key(secret).Get());
        Assert.Empty(await List(owner).List());
    }
}
