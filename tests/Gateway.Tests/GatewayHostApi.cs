
namespace OrleansSessions.Gateway.Tests;

public static class GatewayHostApi
{
    /// <summary>The tests' client of this gateway's API, noting every secret it sends or receives.</summary>
    public static Api NewApi(this GatewayHost gateway) => new(gateway.NewHttpClient());
}
