namespace OrleansSessions.Gateway.Realm;

/// <summary>
/// A Realm login body: <c>{}</c> (anonymous), <c>{"username","password"}</c> (local-userpass) or <c>{"token"}</c>
/// (custom-token) or <c>{"key"}</c> (api-key), each with <c>options.device</c>.
/// </summary>
public sealed record RealmLoginRequest(string? Username, string? Password, string? Token, RealmLoginOptions? Options, string? Key = null);
