using System.Net;
using OrleansSessions.Client;
using OrleansSessions.Client.Models;

namespace OrleansSessions.Http.Tests;

/// <summary>A gateway whose access tokens live one second, to see them expire.</summary>
public sealed class ShortTokenGateway : GatewayFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sessions:AccessTokenLifetime"] = "00:00:01",
    };
}

/// <summary>The .NET client against the real gateway.</summary>
public sealed class ClientTests(DefaultGateway gateway, ShortTokenGateway shortTokens)
    : IClassFixture<DefaultGateway>, IClassFixture<ShortTokenGateway>
{
    [Fact]
    public async Task An_app_logs_two_users_in_switches_between_them_and_an_admin_revokes_one()
    {
        var client = new SessionsClient(gateway.Client());
        var device = await client.RegisterDeviceAsync("phone");
        gateway.Secrets.Add(device.Credentials.DeviceToken);
        var (ana, ben) = (Api.NewEmail(), Api.NewEmail());
        await client.RegisterAsync(ana, Secret("ana-password"));
        await client.RegisterAsync(ben, Secret("ben-password"));

        var anaSession = Track(await device.LogInAsync(Credentials.EmailPassword(ana, "ana-password")));
        var benSession = Track(await device.LogInAsync(Credentials.EmailPassword(ben, "ben-password")));
        var switched = await device.SwitchToAsync(anaSession);
        Track(anaSession);

        Assert.Equal(anaSession.UserId, switched.UserId);
        Assert.Equal(DeviceUserState.Active, switched.State);
        Assert.Equal(ana, (await anaSession.GetProfileAsync()).Email);
        var users = await device.ListUsersAsync();
        Assert.Equal([anaSession.UserId, benSession.UserId], users.Users.Select(u => u.UserId));

        await client.Admin(GatewayFixture.AdminKey).RevokeSessionsAsync(anaSession.UserId);

        var refused = await Assert.ThrowsAsync<SessionsApiException>(() => anaSession.GetProfileAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal("session-revoked", refused.Code);
        Assert.Equal(benSession.UserId, (await device.GetActiveUserAsync())?.UserId);
        Assert.Equal(DeviceUserState.LoggedOut, (await device.ListUsersAsync()).Users[0].State);
    }

    [Fact]
    public async Task An_expired_access_token_is_refreshed_once_and_the_call_retried()
    {
        var client = new SessionsClient(shortTokens.Client());
        var device = await client.RegisterDeviceAsync();
        shortTokens.Secrets.Add(device.Credentials.DeviceToken);
        var session = Track(await device.LogInAsync(Credentials.Anonymous()), shortTokens);
        var firstRefreshToken = session.RefreshToken;

        await Task.Delay(TimeSpan.FromSeconds(6.5));
        var profile = await session.GetProfileAsync();

        Assert.Equal(session.UserId, profile.UserId);
        Assert.NotEqual(firstRefreshToken, Track(session, shortTokens).RefreshToken);
    }

    [Fact]
    public async Task Parallel_refreshes_of_one_session_are_one_request()
    {
        var counting = new CountingHandler { InnerHandler = new HttpClientHandler() };
        var client = new SessionsClient(new HttpClient(counting) { BaseAddress = gateway.BaseAddress });
        var device = await client.RegisterDeviceAsync();
        gateway.Secrets.Add(device.Credentials.DeviceToken);
        var session = Track(await device.LogInAsync(Credentials.Anonymous()));

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => session.RefreshAsync()));

        Assert.Equal(1, counting.Refreshes);
        Track(session);
        Assert.Equal(session.UserId, (await session.GetProfileAsync()).UserId);
    }

    private string Secret(string password)
    {
        gateway.Secrets.Add(password);
        return password;
    }

    private UserSession Track(UserSession session) => Track(session, gateway);

    private static UserSession Track(UserSession session, GatewayFixture where)
    {
        where.Secrets.Add(session.AccessToken);
        where.Secrets.Add(session.RefreshToken);
        return session;
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private int _refreshes;

        public int Refreshes => _refreshes;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath == "/v1/auth/session")
            {
                Interlocked.Increment(ref _refreshes);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
