using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Identities;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Tests.Cluster;

/// <summary>
/// Pre-account hijacking: whoever proves an email (uses a token sent to it) is alone in its account, and a pending
/// registration does not hold an email against its owner.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class EmailProofTests(ClusterFixture fixture)
{
    private readonly Sessions _sessions = new(fixture.Grains);

    [Fact]
    public async Task A_password_reset_removes_the_identities_linked_while_the_email_was_unproven_and_ends_every_session()
    {
        var device = await _sessions.RegisterDevice();
        var victim = await _sessions.RegisterUser();
        var squatter = await _sessions.LogIn(device, victim);
        var planted = new UserIdentity(ProviderTypes.CustomToken, Ids.New());
        var user = _sessions.User(victim);
        await user.LinkExternal(squatter.SessionId, planted, metadata: null);
        Assert.Null((await user.GetAdminView()).Profile.EmailProvenAt);

        var reset = TokenHash.Of(Ids.NewSecret());
        Assert.True(await user.StartPasswordReset(reset));
        await user.ResetPassword(reset, new Secret("the owner's password"));

        var profile = (await user.GetAdminView()).Profile;
        Assert.Equal([ProviderTypes.LocalUserPass], profile.Identities.Select(i => i.ProviderType));
        Assert.NotNull(profile.EmailProvenAt);
        Assert.False(await user.IsSessionLive(squatter.SessionId));
        var again = new NewSession(await device.Grain.AdmitLogin(device.Token, victim, 20), TokenHash.Of(Ids.NewSecret()));
        var refused = await Assert.ThrowsAsync<SessionsException>(() => user.LoginExternal(again, planted, "{}", metadata: null));
        Assert.Equal(ErrorCodes.InvalidCredentials, refused.Code);
        Assert.NotEqual(victim, await fixture.Grains.GetGrain<IExternalIdentityGrain>(IdentityKeys.External(planted)).FindOrBindUser());
    }

    [Fact]
    public async Task Identities_linked_after_the_email_was_proven_stay_at_the_next_reset()
    {
        var device = await _sessions.RegisterDevice();
        var alice = await _sessions.RegisterUser(pending: true);
        var user = _sessions.User(alice);
        await user.ConfirmWithToken(TokenHash.Of("confirm"));
        Assert.NotNull((await user.GetAdminView()).Profile.EmailProvenAt);
        var login = await _sessions.LogIn(device, alice);
        var own = new UserIdentity(ProviderTypes.CustomToken, Ids.New());
        await user.LinkExternal(login.SessionId, own, metadata: null);

        var reset = TokenHash.Of(Ids.NewSecret());
        await user.StartPasswordReset(reset);
        await user.ResetPassword(reset, new Secret("a new password"));

        Assert.Contains(own, (await user.GetAdminView()).Profile.Identities);
        Assert.False(await user.IsSessionLive(login.SessionId));
    }

    [Fact]
    public async Task Registering_an_email_still_pending_replaces_that_registration_and_its_confirmation_token()
    {
        var email = $"{Ids.New()}@example.com";
        var identity = fixture.Grains.GetGrain<IIdentityGrain>(email);
        var (squatterToken, ownerToken) = (TokenHash.Of(Ids.NewSecret()), TokenHash.Of(Ids.NewSecret()));
        var squatted = await identity.Register(Ids.New(), new Secret("squatter's password"), squatterToken);

        var owned = await identity.Register(Ids.New(), new Secret("owner's password"), ownerToken);

        Assert.NotEqual(squatted, owned);
        var stale = await Assert.ThrowsAsync<SessionsException>(() => _sessions.User(squatted).ConfirmWithToken(squatterToken));
        Assert.Equal(ErrorCodes.InvalidToken, stale.Code);
        await _sessions.User(owned).ConfirmWithToken(ownerToken);
        Assert.Equal(owned, await identity.Authenticate(new Secret("owner's password")));
        await Assert.ThrowsAsync<SessionsException>(() => identity.Authenticate(new Secret("squatter's password")));
        var taken = await Assert.ThrowsAsync<SessionsException>(() => identity.Register(Ids.New(), new Secret("third"), TokenHash.Of("x")));
        Assert.Equal(ErrorCodes.AccountNameInUse, taken.Code);
    }
}
