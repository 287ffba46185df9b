using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace OrleansSessions.Gateway.Tests;

/// <summary>
/// The dashboard behind a proxy (forwarded headers on, as in the compose and Kubernetes manifests), bound on every
/// interface: "this machine" is judged by the connection, never by <c>X-Forwarded-For</c> (issue 13, item 2).
/// </summary>
[Collection(ForwardedDashboardGatewayCollection.Name)]
public sealed class ForwardedDashboardTests(ForwardedDashboardGateway gateway)
{
    [Fact]
    public async Task A_remote_client_claiming_loopback_in_X_Forwarded_For_needs_the_key()
    {
        var remote = new UriBuilder(gateway.BaseAddress) { Host = MachineAddress().ToString() }.Uri;
        using var http = gateway.NewHttpClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await Dashboard(http, remote, forwardedFor: "127.0.0.1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Dashboard(http, remote, forwardedFor: "::1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Dashboard(http, remote, bearer: GatewayHost.AdminKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Dashboard(http, gateway.BaseAddress)).StatusCode);
    }

    private static async Task<HttpResponseMessage> Dashboard(HttpClient http, Uri gatewayAddress, string? forwardedFor = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gatewayAddress, "/dashboard/"));
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        if (bearer is not null)
        {
            request.Headers.Add("Authorization", $"Bearer {bearer}");
        }

        return await http.SendAsync(request);
    }

    /// <summary>An address of this machine's that is not loopback (eth0's, say): a connection to it comes from it.</summary>
    private static IPAddress MachineAddress() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(card => card.OperationalStatus == OperationalStatus.Up && card.NetworkInterfaceType != NetworkInterfaceType.Loopback)
        .SelectMany(card => card.GetIPProperties().UnicastAddresses)
        .Select(unicast => unicast.Address)
        .First(address => address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address));
}

/// <summary>The dashboard on, forwarded headers on (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>), bound on every interface.</summary>
public sealed class ForwardedDashboardGateway : GatewayHost
{
    protected override IPAddress ListenAddress => IPAddress.Any;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sessions:Dashboard:Enabled"] = "true",
        ["FORWARDEDHEADERS_ENABLED"] = "true",
    };
}

[CollectionDefinition(Name)]
public sealed class ForwardedDashboardGatewayCollection : ICollectionFixture<ForwardedDashboardGateway>
{
    public const string Name = "forwarded-dashboard gateway";
}
