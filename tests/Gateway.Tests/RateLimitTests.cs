using System.Net;
using OrleansSessions.Abstractions;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>The per-client-address limit, when configured tight (the defaults are in <see cref="ConcurrencyTests"/>).</summary>
[Collection(TightLimitGatewayCollection.Name)]
public sealed class RateLimitTests(TightLimitGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Past_the_configured_limit_an_address_gets_429_with_retry_after_but_health_stays_open()
    {
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await _api.TryRegisterDevice());
        }

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var limited = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        await Problem(limited, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal(HttpStatusCode.OK, (await _api.Send(HttpMethod.Get, "/health/live")).StatusCode);
    }

    [Fact]
    public async Task Past_the_failed_authentications_of_an_address_its_device_and_refresh_tokens_get_429()
    {
        var forged = $"{Ids.New()}.{Ids.New()}.{Ids.NewSecret()}";
        for (var i = 0; i < TightLimitGateway.FailedAuthentications; i++)
        {
            await Problem(await _api.Refresh(forged), HttpStatusCode.Unauthorized, "invalid-session");
        }

        var limited = await _api.ListUsers(new Device(Ids.New(), Ids.NewSecret()));
        await Problem(limited, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) >= 1);
        await Problem(await _api.Refresh(forged), HttpStatusCode.TooManyRequests, "rate-limited");
    }
}
