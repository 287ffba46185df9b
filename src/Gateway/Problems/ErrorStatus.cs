using OrleansSessions.Abstractions;

namespace OrleansSessions.Gateway.Problems;

/// <summary>The HTTP status of each error code (API.md), and the code of each status ASP.NET Core sets itself.</summary>
public static class ErrorStatus
{
    private static readonly Dictionary<string, int> StatusOfCode = new()
    {
        [ErrorCodes.ValidationFailed] = 400,
        [ErrorCodes.InvalidEmail] = 400,
        [ErrorCodes.InvalidPassword] = 400,
        [ErrorCodes.CannotLinkAnonymous] = 400,
        [ErrorCodes.InvalidDeviceToken] = 401,
        [ErrorCodes.InvalidCredentials] = 401,
        [ErrorCodes.UserDisabled] = 401,
        [ErrorCodes.UserPending] = 401,
        [ErrorCodes.InvalidSession] = 401,
        [ErrorCodes.InvalidToken] = 401,
        [ErrorCodes.TokenExpired] = 401,
        [ErrorCodes.SessionRevoked] = 401,
        [ErrorCodes.InvalidAdminKey] = 401,
        [ErrorCodes.ReauthenticationRequired] = 403,
        [ErrorCodes.UserNotOnDevice] = 404,
        [ErrorCodes.UserNotFound] = 404,
        [ErrorCodes.DeviceNotFound] = 404,
        [ErrorCodes.SessionNotFound] = 404,
        [ErrorCodes.NotFound] = 404,
        [ErrorCodes.MethodNotAllowed] = 405,
        [ErrorCodes.UserLoggedOut] = 409,
        [ErrorCodes.DeviceFull] = 409,
        [ErrorCodes.AccountNameInUse] = 409,
        [ErrorCodes.IdentityInUse] = 409,
        [ErrorCodes.PayloadTooLarge] = 413,
        [ErrorCodes.UnsupportedMediaType] = 415,
        [ErrorCodes.UriTooLong] = 414,
        [ErrorCodes.RequestHeadersTooLarge] = 431,
        [ErrorCodes.RateLimited] = 429,
        [ErrorCodes.Unavailable] = 503,
        [ErrorCodes.ApiKeyNotFound] = 404,
        [ErrorCodes.ApiKeyNameInUse] = 409,
        [ErrorCodes.ApiKeyLimitReached] = 409,
        [ErrorCodes.ApiKeysNotAllowed] = 403,
    };

    private static readonly Dictionary<int, string> CodeOfStatus = new()
    {
        [400] = ErrorCodes.ValidationFailed,
        [404] = ErrorCodes.NotFound,
        [405] = ErrorCodes.MethodNotAllowed,
        [413] = ErrorCodes.PayloadTooLarge,
        [415] = ErrorCodes.UnsupportedMediaType,
        [429] = ErrorCodes.RateLimited,
        [503] = ErrorCodes.Unavailable,
    };

    /// <summary>What a problem says when nothing more specific is known: ASP.NET Core's own answers carry no detail.</summary>
    private static readonly Dictionary<int, string> DetailOfStatus = new()
    {
        [400] = "The request is not valid.",
        [404] = "Nothing is found at this path.",
        [405] = "This path does not answer this method.",
        [413] = "The request body is too large.",
        [415] = "The request body must be application/json.",
        [429] = "Too many requests; try again later.",
        [503] = "The service is not available; try again.",
    };

    public static int Of(string code) => StatusOfCode.GetValueOrDefault(code, 500);

    public static string DetailOf(int status) => DetailOfStatus.GetValueOrDefault(status, "The request failed.");

    public static string CodeOf(int status) => CodeOfStatus.GetValueOrDefault(status, "internal-error");
}
