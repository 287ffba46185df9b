using System.Net;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>
/// Oversized request targets and headers are refused with problems where the gateway meets them; past Kestrel's own
/// (raised) limits Kestrel answers alone, with a bare status.
/// </summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class RequestSizeTests(DefaultGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Headers_over_32_KiB_get_a_431_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/auth/profile");
        request.Headers.TryAddWithoutValidation("X-Padding", new string('x', 40 * 1024));

        await Problem(await _api.Http.SendAsync(request), HttpStatusCode.RequestHeaderFieldsTooLarge, "request-headers-too-large");
    }

    [Fact]
    public async Task A_request_target_over_8_KiB_gets_a_414_problem()
    {
        var path = "/v1/devices/" + new string('x', 9 * 1024);

        await Problem(await _api.Send(HttpMethod.Get, path), HttpStatusCode.RequestUriTooLong, "uri-too-long");
    }

    [Fact]
    public async Task Headers_past_Kestrels_own_limit_get_its_bare_431()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/auth/profile");
        request.Headers.TryAddWithoutValidation("X-Padding", new string('x', 70 * 1024));

        using var answer = await _api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, answer.StatusCode);
    }
}
