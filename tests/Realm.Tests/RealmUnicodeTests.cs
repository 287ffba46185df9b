using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace OrleansSessions.Realm.Tests;

/// <summary>A Realm login whose body is not Unicode text gets a 400 in Realm's error shape, not a 500 (issue 13, item 5).</summary>
[Collection(DefaultRealmGatewayCollection.Name)]
public sealed class RealmUnicodeTests(DefaultRealmGateway gateway)
{
    private const string App = $"/api/client/v2.0/app/{RealmGateway.AppId}";

    public static TheoryData<string, string, byte[]> NotText => new()
    {
        { "anon-user", "a device id in invalid UTF-8", [.. Bytes("""{"options":{"device":{"deviceId":"""), (byte)'"', 0xff, (byte)'"', .. Bytes("}}}")] },
        { "anon-user", "a device id with a lone surrogate", Bytes("""{"options":{"device":{"deviceId":"\ud800"}}}""") },
        { "anon-user", "a device $oid in invalid UTF-8", [.. Bytes("""{"options":{"device":{"deviceId":{"$oid":"""), (byte)'"', 0xc3, (byte)'"', .. Bytes("}}}}")] },
        { "local-userpass", "a username in invalid UTF-8", [.. Bytes("""{"username":"""), (byte)'"', 0xfe, (byte)'"', .. Bytes(""","password":"password-1"}""")] },
        { "local-userpass", "a password with a lone surrogate", Bytes("""{"username":"a@example.com","password":"pass\udfffword"}""") },
    };

    [Theory]
    [MemberData(nameof(NotText))]
    public async Task A_login_body_that_is_not_text_is_a_400_bad_request(string provider, string what, byte[] body)
    {
        using var http = gateway.NewHttpClient();
        var content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };

        var refused = await gateway.JsonOf(await http.PostAsync($"{App}/auth/providers/{provider}/login", content), HttpStatusCode.BadRequest);

        Assert.True(refused.GetProperty("error_code").GetString() == "BadRequest", what);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
