namespace OrleansSessions.Abstractions.Redirects;

/// <summary>
/// A redirect (popup) login or link under way: what the client asked for (its <c>state</c>, where to send the result,
/// its device), the provider's <c>redirect_uri</c> (this service's callback), the PKCE verifier and nonce sent with it,
/// and, for a link, the session that asked. Kept server-side until the provider returns, once, within its lifetime.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.RedirectFlow")]
public sealed record RedirectFlow(
    [property: Id(0)] string Provider,
    [property: Id(1)] string ClientState,
    [property: Id(2)] string Redirect,
    [property: Id(3)] string Callback,
    [property: Id(4)] RedirectDevice? Device,
    [property: Id(5)] string? CodeVerifier,
    [property: Id(6)] string? Nonce,
    [property: Id(7)] RedirectLinkTarget? Link,
    [property: Id(8)] DateTimeOffset ExpiresAt);

/// <summary>What a Realm client said of its device when it started the flow.</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.RedirectDevice")]
public sealed record RedirectDevice([property: Id(0)] string? Id, [property: Id(1)] string? Platform, [property: Id(2)] string? PlatformVersion);

/// <summary>The session a link flow adds the identity to.</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.RedirectLinkTarget")]
public sealed record RedirectLinkTarget(
    [property: Id(0)] string UserId, [property: Id(1)] string SessionId, [property: Id(2)] string DeviceId, [property: Id(3)] DateTimeOffset ExpiresAt);
