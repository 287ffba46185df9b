using System.Text.Json;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Realm;

/// <summary>
/// Access tokens for Realm clients: this service's access tokens, plus the claims realm-web reads from them,
/// <c>user_data</c> (the custom user data, which <c>user.customData</c> shows) and <c>baas_device_id</c>. A token
/// stays under <see cref="MaxTokenLength"/> whatever the custom data: when <c>user_data</c> would take it past that
/// (custom data is up to 16 KiB, and a token carries it escaped and base64url-encoded), it is left out, and the
/// profile (<c>GET /v1/auth/profile</c>) still carries it.
/// </summary>
public sealed class RealmTokens(AccessTokens tokens, IGrainFactory grains)
{
    public const string UserDataClaim = "user_data";
    public const string DeviceIdClaim = "baas_device_id";

    /// <summary>Far under the headers Kestrel and proxies accept (Kestrel: 32 KiB in all).</summary>
    public const int MaxTokenLength = 8 * 1024;

    /// <summary>A token for a live session, with the user's custom data as of now (read with the session's check).</summary>
    public async Task<string> IssueAsync(string userId, string sessionId, string deviceId)
    {
        var profile = await grains.GetGrain<IUserGrain>(userId).GetProfile(sessionId);
        var claims = new Dictionary<string, object>
        {
            [UserDataClaim] = JsonElement.Parse(profile.CustomData),
            [DeviceIdClaim] = deviceId,
        };
        var token = await tokens.IssueAsync(userId, sessionId, deviceId, claims);
        if (token.Length < MaxTokenLength)
        {
            return token;
        }

        claims.Remove(UserDataClaim);
        return await tokens.IssueAsync(userId, sessionId, deviceId, claims);
    }
}
