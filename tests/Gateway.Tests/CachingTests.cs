using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>No answer that carries a token or a key may be kept by a cache (issue 13, item 8).</summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class CachingTests(DefaultGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Answers_carrying_a_token_say_no_store()
    {
        var registration = await _api.TryRegisterDevice(new { name = "cache test" });
        var device = await _api.NewDevice();
        var account = await _api.Register();
        var login = await _api.TryLogIn(device, Password(account));
        var session = await _api.LogIn(device, account);
        var refresh = await _api.Refresh(session.RefreshToken);
        var switched = await _api.Switch(device, session.UserId);

        foreach (var answer in new[] { registration, login, refresh, switched })
        {
            Assert.True(answer.IsSuccessStatusCode, $"{answer.RequestMessage?.RequestUri}: {(int)answer.StatusCode}");
            Assert.True(answer.Headers.CacheControl?.NoStore == true, $"{answer.RequestMessage?.RequestUri} lacks no-store");
        }
    }
}
