using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Identities;
using OrleansSessions.Grains.Identities;

namespace OrleansSessions.Grains.Tests.Cluster;

/// <summary>New password hashes are Argon2id; a PBKDF2 hash of the first version verifies once and is made anew.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PasswordHashTests(ClusterFixture fixture)
{
    private readonly Sessions _sessions = new(fixture.Grains);

    [Fact]
    public async Task A_new_password_is_hashed_with_Argon2id_at_OWASP_parameters()
    {
        var email = $"{Ids.New()}@example.com";
        await _sessions.RegisterUser(email);

        var hash = (await StoredState(email)).PasswordHash;

        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", hash);
    }

    [Fact]
    public async Task A_PBKDF2_hash_still_logs_in_and_is_rehashed_to_Argon2id()
    {
        var email = $"{Ids.New()}@example.com";
        var userId = Ids.New();
        await Store(email, new IdentityState
        {
            UserId = userId,
            PasswordHash = new PasswordHasher<object>().HashPassword(new object(), "an old password"),
        });
        var identity = fixture.Grains.GetGrain<IIdentityGrain>(email);

        var wrong = await Assert.ThrowsAsync<SessionsException>(() => identity.Authenticate(new Secret("not it")));
        Assert.Equal(ErrorCodes.InvalidCredentials, wrong.Code);
        Assert.DoesNotContain("argon2id", (await StoredState(email)).PasswordHash);

        Assert.Equal(userId, await identity.Authenticate(new Secret("an old password")));
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", (await StoredState(email)).PasswordHash);
        Assert.Equal(userId, await identity.Authenticate(new Secret("an old password")));
        await Assert.ThrowsAsync<SessionsException>(() => identity.Authenticate(new Secret("not it")));
    }

    private IGrainStorage Storage =>
        fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainStorage>();

    private async Task<IdentityState> StoredState(string email)
    {
        var state = new GrainState<IdentityState>(new IdentityState());
        await Storage.ReadStateAsync("identity", fixture.Grains.GetGrain<IIdentityGrain>(email).GetGrainId(), state);
        return state.State ?? throw new InvalidOperationException("No identity stored.");
    }

    private Task Store(string email, IdentityState identity) =>
        Storage.WriteStateAsync("identity", fixture.Grains.GetGrain<IIdentityGrain>(email).GetGrainId(), new GrainState<IdentityState>(identity));
}
