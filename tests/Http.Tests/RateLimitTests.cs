using System.Net;

namespace OrleansSessions.Http.Tests;

/// <summary>A gateway with a tight per-address limit, to see the limit answer.</summary>
public sealed class TightLimitGateway : GatewayFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sessions:RateLimits:PerAddressPerSecond"] = "1",
        ["Sessions:RateLimits:PerAddressBurst"] = "3",
    };
}

/// <summary>Per-client-address limits: tight when configured so, and out of the way of real traffic by default.</summary>
public sealed class RateLimitTests(TightLimitGateway tight, DefaultGateway loose) : IClassFixture<TightLimitGateway>, IClassFixture<DefaultGateway>
{
    [Fact]
    public async Task Past_the_configured_limit_an_address_gets_429_with_retry_after()
    {
        using var api = tight.Api();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await api.Send(HttpMethod.Post, "/v1/devices"));
        }

        var limited = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal("rate-limited", await Api.Problem(limited, HttpStatusCode.TooManyRequests));
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal(HttpStatusCode.OK, (await api.Send(HttpMethod.Get, "/health/live")).StatusCode);
    }

    [Fact]
    public async Task By_default_one_address_logs_in_hundreds_of_users_at_once()
    {
        using var api = loose.Api();
        var devices = await Task.WhenAll(Enumerable.Range(0, 150).Select(_ => api.RegisterDevice()));

        var logins = await Task.WhenAll(devices.Select(d => api.TryLogIn(d, Api.Anonymous())));

        Assert.All(logins, l => Assert.Equal(HttpStatusCode.OK, l.StatusCode));
        foreach (var login in logins)
        {
            var json = await Api.Json(login);
            api.Secret((string)json["accessToken"]!);
            api.Secret((string)json["refreshToken"]!);
        }
    }
}
