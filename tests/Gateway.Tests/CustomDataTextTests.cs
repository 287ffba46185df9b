using System.Net;
using System.Net.Http.Headers;
using System.Text;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>
/// Custom data that is not Unicode text, a lone surrogate (<c>"\ud800"</c>) or invalid UTF-8, is refused with a 400
/// problem and changes nothing: the user's reads keep working (issue 13, item 5).
/// </summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class CustomDataTextTests(DefaultGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    public static TheoryData<string, byte[]> NotText => new()
    {
        { "a lone high surrogate", Bytes("""{"plan":"\ud800"}""") },
        { "a lone low surrogate in a name", Bytes("""{"\udc00":1}""") },
        { "a reversed pair deep inside", Bytes("""{"a":[{"b":"x\udc00\ud800y"}]}""") },
        { "invalid UTF-8", [.. Bytes("""{"plan":"""), (byte)'"', 0xff, 0xfe, (byte)'"', (byte)'}'] },
        { "an overlong UTF-8 slash", [.. Bytes("""{"plan":"""), (byte)'"', 0xc0, 0xaf, (byte)'"', (byte)'}'] },
    };

    [Theory]
    [MemberData(nameof(NotText))]
    public async Task Custom_data_that_is_not_text_is_refused_and_changes_nothing(string what, byte[] body)
    {
        var device = await _api.NewDevice();
        var (account, login) = await _api.NewUser(device);
        var path = $"/v1/admin/users/{account.UserId}/custom-data";
        await NoContent(await _api.Admin(HttpMethod.Put, path, new { plan = "gold" }));

        var content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        var refused = await _api.Admin(HttpMethod.Put, path, content);

        await Problem(refused, HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal("gold", (await _api.ProfileOf(login.AccessToken)).GetProperty("customData").GetProperty("plan").GetString());
        Assert.Equal("gold", (await _api.AdminViewOf(account.UserId)).GetProperty("customData").GetProperty("plan").GetString());
        Assert.True((await _api.Refresh(login.RefreshToken)).IsSuccessStatusCode, what);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
