namespace OrleansSessions.Abstractions;

/// <summary>The stable error codes of the HTTP contract (API.md), shared by grains and gateway.</summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "validation-failed";
    public const string InvalidEmail = "invalid-email";
    public const string InvalidPassword = "invalid-password";
    public const string InvalidToken = "invalid-token";
    public const string CannotLinkAnonymous = "cannot-link-anonymous";
    public const string InvalidDeviceToken = "invalid-device-token";
    public const string InvalidCredentials = "invalid-credentials";
    public const string UserDisabled = "user-disabled";
    public const string UserPending = "user-pending";
    public const string InvalidSession = "invalid-session";
    public const string TokenExpired = "token-expired";
    public const string SessionRevoked = "session-revoked";
    public const string InvalidAdminKey = "invalid-admin-key";
    public const string ReauthenticationRequired = "reauthentication-required";
    public const string UserNotOnDevice = "user-not-on-device";
    public const string UserNotFound = "user-not-found";
    public const string DeviceNotFound = "device-not-found";
    public const string SessionNotFound = "session-not-found";
    public const string NotFound = "not-found";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string UserLoggedOut = "user-logged-out";
    public const string DeviceFull = "device-full";
    public const string AccountNameInUse = "account-name-in-use";
    public const string IdentityInUse = "identity-in-use";
    public const string PayloadTooLarge = "payload-too-large";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string UriTooLong = "uri-too-long";
    public const string RequestHeadersTooLarge = "request-headers-too-large";
    public const string RateLimited = "rate-limited";
    public const string Unavailable = "unavailable";
    public const string ApiKeyNotFound = "api-key-not-found";
    public const string ApiKeyNameInUse = "api-key-name-in-use";
    public const string ApiKeyLimitReached = "api-key-limit-reached";
    public const string ApiKeysNotAllowed = "api-keys-not-allowed";
}
