using System.Security.Cryptography;
using System.Text;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Callers;
using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Tokens;
using OrleansSessions.Gateway.Accounts;

namespace OrleansSessions.Gateway.Realm;

/// <summary>
/// The device of this service behind a Realm client. A Realm client has no device token, only the <c>deviceId</c> the
/// server handed it at its first login. So the gateway registers a device on a client's first login and answers with
/// its id; the device's token is an HMAC of that id under the cluster's secret key, which every gateway can derive and
/// no client ever sees. The id itself carries the cluster's MAC (<see cref="TokenSeal.NewId"/>). A later login naming
/// that id logs in on the same device; an id that is not such a device (never issued, another app's, a /v1 device's)
/// gets a new device, as a Realm server hands out a new id, and one without the MAC gets it before any grain of that
/// id is asked. Because the token is never given out, a Realm device id is no credential on the /v1 device routes
/// (listing, switching, removing).
/// </summary>
public sealed class RealmDevices(IGrainFactory grains, SigningKeyRing keys, Logins logins)
{
    private const int MaxNameLength = 100;

    /// <summary>Logs in on the client's device, registering one for it first if it has none here.</summary>
    public async Task<(SessionGrant Grant, RefreshToken RefreshToken)> LogInAsync(RealmDevice? device, Credentials credentials)
    {
        var seal = await keys.SealAsync();
        if (device?.Id is { } deviceId && seal.IsId(TokenSeal.RealmDevice, deviceId))
        {
            try
            {
                return await logins.StartSessionAsync(await CallerAsync(deviceId), credentials);
            }
            catch (SessionsException refused) when (refused.Code == ErrorCodes.InvalidDeviceToken)
            {
                // Not a device of a Realm client here: the client gets a new one below.
            }
        }

        var caller = await CallerAsync(seal.NewId(TokenSeal.RealmDevice));
        await caller.Device(grains).Register(NameOf(device), caller.TokenHash);
        return await logins.StartSessionAsync(caller, credentials);
    }

    private async Task<DeviceCaller> CallerAsync(string deviceId)
    {
        var key = await keys.RefreshTokenKeyAsync();
        var token = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"realm-device:{deviceId}")));
        return new DeviceCaller(deviceId, TokenHash.Of(token));
    }

    private static string NameOf(RealmDevice? device)
    {
        var name = string.Join(' ', new[] { "realm", device?.Platform, device?.PlatformVersion }.Where(p => !string.IsNullOrWhiteSpace(p)));
        return name.Length <= MaxNameLength ? name : name[..MaxNameLength];
    }
}
