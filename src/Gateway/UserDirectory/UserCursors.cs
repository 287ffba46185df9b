using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions.UserDirectory;
using OrleansSessions.Gateway.Problems;
using OrleansSessions.Gateway.Settings;

namespace OrleansSessions.Gateway.UserDirectory;

/// <summary>
/// The opaque cursors of the user list: where a page ended, bound to the filters of its query and signed with a key
/// derived from the admin key (HKDF), so every gateway of a cluster reads the cursors of the others, and a cursor the
/// service did not issue, altered, or passed with other filters is refused.
/// </summary>
public sealed class UserCursors(IOptions<SessionsOptions> options)
{
    private const int MacBytes = 16;
    private static readonly byte[] Purpose = "orleans-sessions user directory cursor v1"u8.ToArray();

    public string Issue(UserListQuery query, string endsAt) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(endsAt)) + "." + Base64Url.EncodeToString(Mac(query, endsAt));

    /// <summary>Where the page of <paramref name="cursor"/> ended, or a <c>validation-failed</c> problem.</summary>
    public string Read(UserListQuery query, string cursor)
    {
        var parts = cursor.Split('.');
        if (parts is [var position, var mac] && Base64Url.IsValid(position) && Base64Url.IsValid(mac))
        {
            var endsAt = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(position));
            if (CryptographicOperations.FixedTimeEquals(Mac(query, endsAt), Base64Url.DecodeFromChars(mac)))
            {
                return endsAt;
            }
        }

        throw Require.Invalid("'cursor' is not one this service gave for this query.");
    }

    private byte[] Mac(UserListQuery query, string endsAt)
    {
        var key = HKDF.DeriveKey(
            HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(options.Value.AdminApiKey ?? ""), 32, info: Purpose);
        var signed = string.Join('\n', query.Status, query.Type, query.Provider, query.Search, endsAt);
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(signed))[..MacBytes];
    }
}
