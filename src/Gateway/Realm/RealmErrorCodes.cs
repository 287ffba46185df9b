using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Gateway.Realm;

/// <summary>
/// The one table from this service's error codes (API.md) to the Realm <c>error_code</c> strings a Realm client acts
/// on. realm-web refreshes its access token and retries once on a 401 <c>InvalidSession</c>, and forgets a user's
/// tokens on a 401 <c>InvalidSession</c> to a refresh token, so every bearer refusal is <c>InvalidSession</c>.
/// </summary>
public static class RealmErrorCodes
{
    public const string InvalidSession = "InvalidSession";

    /// <summary>A refusal of credentials other than a password (a token, a key) is Realm's <c>AuthError</c>.</summary>
    public const string AuthError = "AuthError";

    /// <summary>A token in a body (confirm, reset) is not a session: a bad one is Realm's <c>UserpassTokenInvalid</c>.</summary>
    public const string UserpassTokenInvalid = "UserpassTokenInvalid";

    private static readonly Dictionary<string, string> RealmCodeOf = new()
    {
        [ErrorCodes.ValidationFailed] = "BadRequest",
        [ErrorCodes.InvalidEmail] = "BadRequest",
        [ErrorCodes.InvalidPassword] = "BadRequest",
        [ErrorCodes.CannotLinkAnonymous] = "BadRequest",
        [ErrorCodes.InvalidToken] = InvalidSession,
        [ErrorCodes.InvalidSession] = InvalidSession,
        [ErrorCodes.TokenExpired] = InvalidSession,
        [ErrorCodes.SessionRevoked] = InvalidSession,
        [ErrorCodes.InvalidCredentials] = "InvalidPassword",
        [ErrorCodes.UserDisabled] = "UserDisabled",
        [ErrorCodes.UserPending] = AuthError,
        [ErrorCodes.DeviceFull] = AuthError,
        [ErrorCodes.AccountNameInUse] = "AccountNameInUse",
        [ErrorCodes.IdentityInUse] = "AccountNameInUse",
        [ErrorCodes.NotFound] = "NotFound",
        [ErrorCodes.MethodNotAllowed] = "NotFound",
        [ErrorCodes.PayloadTooLarge] = "BadRequest",
        [ErrorCodes.UnsupportedMediaType] = "BadRequest",
        [ErrorCodes.RateLimited] = "TooManyRequests",
        [ErrorCodes.Unavailable] = "InternalServerError",
        [ErrorCodes.ReauthenticationRequired] = AuthError,
        [ErrorCodes.ApiKeyNotFound] = "APIKeyNotFound",
        [ErrorCodes.ApiKeyNameInUse] = "APIKeyAlreadyExists",
        [ErrorCodes.ApiKeyLimitReached] = "BadRequest",
        [ErrorCodes.ApiKeysNotAllowed] = AuthError,
    };

    /// <summary>
    /// The Realm code of <paramref name="code"/> answered with <paramref name="status"/>, on the login route of
    /// <paramref name="loginProvider"/> if it is one.
    /// </summary>
    public static string Of(string code, int status, string? loginProvider = null) => code switch
    {
        ErrorCodes.InvalidToken when status == StatusCodes.Status400BadRequest => UserpassTokenInvalid,
        ErrorCodes.InvalidCredentials when loginProvider is not null and not ProviderTypes.LocalUserPass => AuthError,
        _ => RealmCodeOf.GetValueOrDefault(code, "InternalServerError"),
    };

    /// <summary>What a Realm client shows for a refused refresh token; realm-web's log out ignores exactly this message.</summary>
    public static string MessageOf(string code, string detail) =>
        code == ErrorCodes.InvalidSession ? "failed to find refresh token" : detail;
}
