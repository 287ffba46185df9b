using System.Text.Json;

namespace OrleansSessions.Gateway.Contracts;

/// <summary>
/// Credentials for a login or a link: <c>provider</c> names which of the other fields count (API.md and
/// PROVIDERS.md): <c>email</c> and <c>password</c>, <c>token</c>, <c>idToken</c> or <c>authCode</c> with an optional
/// <c>nonce</c>, <c>accessToken</c>, <c>payload</c>.
/// </summary>
public sealed record Credentials(
    string? Provider,
    string? Email,
    string? Password,
    string? Token,
    string? IdToken = null,
    string? AuthCode = null,
    string? Nonce = null,
    string? AccessToken = null,
    JsonElement? Payload = null)
{
    /// <summary>The names of the fields besides <c>provider</c> that the body has.</summary>
    public IEnumerable<string> Given()
    {
        (string Name, bool Has)[] fields =
        [
            ("email", Email is not null), ("password", Password is not null), ("token", Token is not null),
            ("idToken", IdToken is not null), ("authCode", AuthCode is not null), ("nonce", Nonce is not null),
            ("accessToken", AccessToken is not null), ("payload", Payload is { ValueKind: not JsonValueKind.Null }),
        ];
        return fields.Where(f => f.Has).Select(f => f.Name);
    }
}
