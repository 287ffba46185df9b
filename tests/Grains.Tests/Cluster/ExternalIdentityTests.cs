using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Identities;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Tests.Cluster;

/// <summary>Users reached through an external issuer's identities (the custom-token provider).</summary>
[Collection(ClusterCollection.Name)]
public sealed class ExternalIdentityTests(ClusterFixture fixture)
{
    private readonly Sessions _sessions = new(fixture.Grains);

    private IExternalIdentityGrain Identity(UserIdentity identity) =>
        fixture.Grains.GetGrain<IExternalIdentityGrain>(IdentityKeys.External(identity));

    private async Task<SessionGrant> LogIn(Sessions.Device device, UserIdentity identity, string claims = "{}")
    {
        var userId = await Identity(identity).FindOrBindUser();
        var info = await device.Grain.AdmitLogin(device.Token, userId, maxUsers: 20);
        return await _sessions.User(userId).LoginExternal(new NewSession(info, TokenHash.Of(Ids.NewSecret())), identity, claims, metadata: null);
    }

    [Fact]
    public async Task The_first_login_makes_the_user_and_later_ones_reach_it_even_in_parallel()
    {
        var identity = new UserIdentity(ProviderTypes.CustomToken, $"sub-{Ids.New()}");
        var device = await _sessions.RegisterDevice();

        var grants = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => LogIn(device, identity)));

        Assert.Single(grants.Select(g => g.UserId).Distinct());
        var user = await _sessions.User(grants[0].UserId).GetAdminView();
        Assert.Equal([identity], user.Profile.Identities);
        Assert.Single(user.Sessions);
    }

    [Fact]
    public async Task Copied_claims_land_in_the_custom_data_beside_what_an_admin_set()
    {
        var identity = new UserIdentity(ProviderTypes.CustomToken, $"sub-{Ids.New()}");
        var device = await _sessions.RegisterDevice();
        var first = await LogIn(device, identity, """{"name":"Ana"}""");
        await _sessions.User(first.UserId).SetCustomData("""{"plan":"gold","name":"old"}""");

        var second = await LogIn(device, identity, """{"name":"Ana B"}""");

        var profile = await _sessions.User(second.UserId).GetProfile(second.SessionId);
        Assert.Equal("""{"plan":"gold","name":"Ana B"}""", profile.CustomData);
    }

    [Fact]
    public async Task An_identity_is_linked_once_and_a_deleted_user_frees_it()
    {
        var identity = new UserIdentity(ProviderTypes.CustomToken, $"sub-{Ids.New()}");
        var device = await _sessions.RegisterDevice();
        var anonymous = await _sessions.LogInAnonymously(device);
        var other = await _sessions.LogInAnonymously(await _sessions.RegisterDevice());

        var profile = await _sessions.User(anonymous.UserId).LinkExternal(anonymous.SessionId, identity, metadata: null);
        var refusal = await Assert.ThrowsAsync<SessionsException>(
            () => _sessions.User(other.UserId).LinkExternal(other.SessionId, identity, metadata: null));

        Assert.Contains(identity, profile.Identities);
        Assert.Equal(ErrorCodes.IdentityInUse, refusal.Code);
        Assert.Equal(anonymous.UserId, (await LogIn(device, identity)).UserId);

        await _sessions.User(anonymous.UserId).Delete();
        Assert.NotEqual(anonymous.UserId, (await LogIn(device, identity)).UserId);
    }
}
