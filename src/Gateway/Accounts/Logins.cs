using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Identities;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.ApiKeys;
using OrleansSessions.Gateway.Callers;
using OrleansSessions.Gateway.Telemetry;
using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Problems;
using OrleansSessions.Gateway.Providers;
using OrleansSessions.Gateway.Tokens;
using OrleansSessions.Gateway.Settings;

namespace OrleansSessions.Gateway.Accounts;

/// <summary>
/// A login on a device, from credentials to tokens: the device token first, then the credentials, then a new
/// session from the user grain (which tells the device before it answers), then the tokens.
/// </summary>
public sealed class Logins(
    IGrainFactory grains, AccessTokens accessTokens, SigningKeyRing keys, IdentityProviders providers, IOptions<SessionsOptions> options,
    IOptions<ApiKeyOptions> apiKeys)
{
    public async Task<LoginResponse> LogInAsync(DeviceCaller caller, Credentials? credentials)
    {
        var (grant, refreshToken) = await StartSessionAsync(caller, credentials);
        return new LoginResponse(
            grant.UserId, grant.DeviceId, await accessTokens.IssueAsync(grant.UserId, grant.SessionId, grant.DeviceId), refreshToken.ToString());
    }

    /// <summary>The login without its access token, for an API that mints its own (the Realm-compatible one).</summary>
    public async Task<(SessionGrant Grant, RefreshToken RefreshToken)> StartSessionAsync(DeviceCaller caller, Credentials? credentials)
    {
        var provider = ProviderOf(credentials);
        return await GatewayMetrics.CountResult(
            GatewayMetrics.Logins, () => StartSessionAsync(caller, provider, credentials!), new KeyValuePair<string, object?>("provider", provider));
    }

    private async Task<(SessionGrant Grant, RefreshToken RefreshToken)> StartSessionAsync(DeviceCaller caller, string provider, Credentials credentials)
    {
        var device = caller.Device(grains);
        string userId;
        ExternalLogin? external = null;
        var apiKey = provider == ProviderTypes.ApiKey ? ApiKeyCredential.From(grains, credentials) : null;
        if (provider == ProviderTypes.Anonymous)
        {
            userId = await device.ReserveAnonymousUser(caller.TokenHash);
        }
        else if (apiKey is not null)
        {
            await device.Authenticate(caller.TokenHash);
            userId = await apiKey.AuthenticateAsync();
        }
        else
        {
            await device.Authenticate(caller.TokenHash);
            (userId, external) = providers.Find(provider) is { } externalProvider
                ? await AuthenticateExternal(externalProvider, credentials)
                : (await AuthenticatePassword(credentials), null);
        }

        var deviceInfo = await device.AdmitLogin(caller.TokenHash, userId, options.Value.MaxUsersPerDevice);
        var secret = (await keys.SealAsync()).NewSecret(TokenSeal.Refresh, userId);
        var request = new NewSession(deviceInfo, TokenHash.Of(secret));
        var user = grains.GetGrain<IUserGrain>(userId);
        var grant = provider switch
        {
            ProviderTypes.Anonymous => await user.LoginAnonymous(request),
            ProviderTypes.ApiKey => await apiKey!.LogInAsync(request),
            _ when external is not null => await user.LoginExternal(request, external.Identity, external.CopiedClaims, external.Metadata),
            _ => await user.Login(request),
        };
        return (grant, new RefreshToken(userId, grant.SessionId, secret));
    }

    /// <summary>Links credentials to the signed-in user (SPEC.md, "Link").</summary>
    public async Task<Profile> LinkAsync(UserCaller caller, Credentials? credentials)
    {
        var user = caller.User(grains);
        var provider = ProviderOf(credentials);
        if (provider == ProviderTypes.Anonymous)
        {
            throw new SessionsException(ErrorCodes.CannotLinkAnonymous, "Anonymous credentials cannot be linked.");
        }

        if (provider == ProviderTypes.ApiKey)
        {
            throw Require.Invalid("An API key logs a user in; it cannot be linked.");
        }

        if (providers.Find(provider) is { } externalProvider)
        {
            var external = await externalProvider.AuthenticateAsync(credentials!, link: true, CancellationToken.None);
            return await user.LinkExternal(caller.SessionId, external.Identity, external.Metadata);
        }

        var (email, password) = EmailAndPassword(credentials!);
        return await user.LinkPassword(caller.SessionId, email, password);
    }

    private async Task<(string UserId, ExternalLogin External)> AuthenticateExternal(IIdentityProvider provider, Credentials credentials)
    {
        var external = await provider.AuthenticateAsync(credentials, link: false, CancellationToken.None);
        var userId = await grains.GetGrain<IExternalIdentityGrain>(IdentityKeys.External(external.Identity)).FindOrBindUser();
        return (userId, external);
    }

    private Task<string> AuthenticatePassword(Credentials credentials)
    {
        var (email, password) = EmailAndPassword(credentials);
        return grains.GetGrain<IIdentityGrain>(email).Authenticate(password);
    }

    private static (string Email, Secret Password) EmailAndPassword(Credentials credentials)
    {
        var email = Require.Field(credentials.Email, "email");
        Require.That(!EmailAddress.HasHiddenCharacters(email), "'email' carries a control, bidirectional or zero-width character.");
        var password = Require.Field(credentials.Password, "password");
        return (EmailAddress.Normalize(email), new Secret(password));
    }

    private string ProviderOf(Credentials? credentials)
    {
        var provider = Require.Field(Require.Body(credentials).Provider, "provider");
        return provider switch
        {
            ProviderTypes.LocalUserPass or ProviderTypes.Anonymous => provider,
            ProviderTypes.ApiKey when apiKeys.Value.Enabled => provider,
            ProviderTypes.ApiKey => throw Require.Invalid("API keys are not enabled on this service."),
            _ when providers.Find(provider) is { Enabled: true } => provider,
            _ when providers.Find(provider) is not null => throw Require.Invalid($"The {provider} provider is not enabled on this service."),
            _ => throw Require.Invalid(
                $"Unknown provider; use {ProviderTypes.LocalUserPass}, {ProviderTypes.Anonymous} or {string.Join(", ", providers.Names)}."),
        };
    }
}
