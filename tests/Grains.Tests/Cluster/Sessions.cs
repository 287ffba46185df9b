using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Abstractions.Identities;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Tests.Cluster;

/// <summary>The grain calls a gateway makes, for tests that drive the cluster directly.</summary>
public sealed class Sessions(IGrainFactory grains)
{
    public const string Password = "correct horse";

    public sealed record Device(string Id, TokenHash Token, IDeviceGrain Grain);

    public async Task<Device> RegisterDevice(string? name = null)
    {
        var id = Ids.New();
        var token = TokenHash.Of(Ids.NewSecret());
        var grain = grains.GetGrain<IDeviceGrain>(id);
        await grain.Register(name, token);
        return new Device(id, token, grain);
    }

    public Task<string> RegisterUser(string? email = null, bool pending = false) =>
        grains.GetGrain<IIdentityGrain>(email ?? $"{Ids.New()}@example.com")
            .Register(Ids.New(), new Secret(Password), pending ? TokenHash.Of("confirm") : null);

    public IUserGrain User(string userId) => grains.GetGrain<IUserGrain>(userId);

    public async Task<SessionGrant> LogIn(Device device, string userId, TokenHash? refreshTokenHash = null)
    {
        var info = await device.Grain.AdmitLogin(device.Token, userId, maxUsers: 20);
        return await User(userId).Login(new NewSession(info, refreshTokenHash ?? TokenHash.Of(Ids.NewSecret())));
    }

    public async Task<SessionGrant> LogInAnonymously(Device device)
    {
        var userId = await device.Grain.ReserveAnonymousUser(device.Token);
        var info = await device.Grain.AdmitLogin(device.Token, userId, maxUsers: 20);
        return await User(userId).LoginAnonymous(new NewSession(info, TokenHash.Of(Ids.NewSecret())));
    }

    public async Task<DeviceUserState?> StateOn(Device device, string userId) =>
        (await device.Grain.ListUsers(device.Token)).Users.SingleOrDefault(u => u.UserId == userId)?.State;
}
