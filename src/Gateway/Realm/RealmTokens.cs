using System.Text.Json;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Realm;

/// <summary>
/// Access tokens for Realm clients: this service's access tokens, plus the claims realm-web reads from them,
/// <c>user_data</c> (the custom user data, which <c>user.customData</c> shows) and <c>baas_device_id</c>.
/// </summary>
public sealed class RealmTokens(AccessTokens tokens, IGrainFactory grains)
{
    public const string UserDataClaim = "user_data";
    public const string DeviceIdClaim = "baas_device_id";

    /// <summary>A token for a live session, with the user's custom data as of now (read with the session's check).</summary>
    public async Task<string> IssueAsync(string userId, string sessionId, string deviceId)
    {
        var profile = await grains.GetGrain<IUserGrain>(userId).GetProfile(sessionId);
        return await tokens.IssueAsync(userId, sessionId, deviceId, new Dictionary<string, object>
        {
            [UserDataClaim] = JsonElement.Parse(profile.CustomData),
            [DeviceIdClaim] = deviceId,
        });
    }
}
