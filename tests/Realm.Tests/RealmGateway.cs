using OrleansSessions.TestSupport;

namespace OrleansSessions.Realm.Tests;

/// <summary>
/// The real gateway on Kestrel (TestSupport's <see cref="GatewayHost"/>: it fails the collection on a logged error or a
/// logged secret) with the Realm API on for <see cref="AppId"/> and one origin allowed by CORS.
/// </summary>
public abstract class RealmGateway : GatewayHost
{
    public const string AppId = "realm-tests-app";
    public const string AllowedOrigin = "https://app.example.test";

    protected sealed override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(MoreSettings)
    {
        ["Sessions:Realm:AppId"] = AppId,
        ["Sessions:Realm:AllowedOrigins:0"] = AllowedOrigin,
    };

    /// <summary>The settings of this configuration beyond the Realm ones.</summary>
    protected virtual IReadOnlyDictionary<string, string> MoreSettings => new Dictionary<string, string>();

    /// <summary>A client of the gateway that sends the admin key.</summary>
    public HttpClient NewAdminClient()
    {
        var client = NewHttpClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
        return client;
    }
}
