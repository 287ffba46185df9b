using System.Net;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>An address registers at most so many devices an hour; another address is not held back by it.</summary>
[Collection(DeviceCapGatewayCollection.Name)]
public sealed class DeviceCapTests(DeviceCapGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Past_its_devices_of_the_hour_an_address_gets_429_until_the_hour_ends()
    {
        for (var i = 0; i < DeviceCapGateway.DevicesPerHour; i++)
        {
            await _api.NewDevice();
        }

        using var refused = await _api.TryRegisterDevice();
        await Problem(refused, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(1));

        using var elsewhere = new Api(gateway.NewHttpClient(from: IPAddress.Parse("127.0.0.3")));
        await elsewhere.NewDevice();
    }
}
