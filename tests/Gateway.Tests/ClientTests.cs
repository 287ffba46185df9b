using System.Net;
using OrleansSessions.Client;
using OrleansSessions.Client.Models;

namespace OrleansSessions.Gateway.Tests;

/// <summary>The .NET client (src/Client) against the real gateway.</summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class ClientTests(DefaultGateway gateway)
{
    [Fact]
    public async Task An_app_logs_two_users_in_switches_between_them_and_an_admin_revokes_one()
    {
        var client = new SessionsClient(gateway.NewHttpClient());
        var device = await client.RegisterDeviceAsync("phone");
        var (ana, ben) = (Api.NewEmail(), Api.NewEmail());
        var (anaPassword, benPassword) = (Api.NewPassword(), Api.NewPassword());
        await client.RegisterAsync(ana, anaPassword);
        await client.RegisterAsync(ben, benPassword);

        var anaSession = await device.LogInAsync(Credentials.EmailPassword(ana, anaPassword));
        var benSession = await device.LogInAsync(Credentials.EmailPassword(ben, benPassword));
        var switched = await device.SwitchToAsync(anaSession);

        Assert.Equal(anaSession.UserId, switched.UserId);
        Assert.Equal(DeviceUserState.Active, switched.State);
        Assert.Equal(ana, (await anaSession.GetProfileAsync()).Email);
        var users = await device.ListUsersAsync();
        Assert.Equal([anaSession.UserId, benSession.UserId], users.Users.Select(u => u.UserId));

        await client.Admin(GatewayHost.AdminKey).RevokeSessionsAsync(anaSession.UserId);

        var refused = await Assert.ThrowsAsync<SessionsApiException>(() => anaSession.GetProfileAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal("session-revoked", refused.Code);
        Assert.Equal(benSession.UserId, (await device.GetActiveUserAsync())?.UserId);
        Assert.Equal(DeviceUserState.LoggedOut, (await device.ListUsersAsync()).Users[0].State);
    }

    [Fact]
    public async Task Parallel_refreshes_of_one_session_are_one_request()
    {
        var counting = new CountingHandler();
        var client = new SessionsClient(gateway.NewHttpClient(counting));
        var device = await client.RegisterDeviceAsync();
        var session = await device.LogInAsync(Credentials.Anonymous());

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => session.RefreshAsync()));

        Assert.Equal(1, counting.Refreshes);
        Assert.Equal(session.UserId, (await session.GetProfileAsync()).UserId);
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

/// <summary>The .NET client against a gateway whose access tokens live one second.</summary>
[Collection(ShortTokenGatewayCollection.Name)]
public sealed class ClientExpiryTests(ShortTokenGateway gateway)
{
    [Fact]
    public async Task An_expired_access_token_is_refreshed_once_and_the_call_retried()
    {
        var client = new SessionsClient(gateway.NewHttpClient());
        var device = await client.RegisterDeviceAsync();
        var session = await device.LogInAsync(Credentials.Anonymous());
        var firstRefreshToken = session.RefreshToken;

        // Past the expiry and SPEC.md's 5 seconds of leeway.
        await Task.Delay(TimeSpan.FromSeconds(6.5));
        var profile = await session.GetProfileAsync();

        Assert.Equal(session.UserId, profile.UserId);
        Assert.NotEqual(firstRefreshToken, session.RefreshToken);
    }
}
