namespace OrleansSessions.Gateway.Tests;

// The gateway configurations the tests run against, each shared by the collection of the same name.

/// <summary>Every default of API.md, with an admin key.</summary>
public sealed class DefaultGateway : GatewayHost;

/// <summary>
/// The safer settings: email confirmation, no switching without re-login, at most three users a device, and a lockout
/// after three failed logins.
/// </summary>
public sealed class StrictGateway : GatewayHost
{
    public const int MaxUsersPerDevice = 3;
    public const int MaxFailures = 3;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sessions:RequireEmailConfirmation"] = "true",
        ["Sessions:AllowSwitchWithoutReauthentication"] = "false",
        ["Sessions:MaxUsersPerDevice"] = MaxUsersPerDevice.ToString(),
        ["Sessions:Lockout:MaxFailures"] = MaxFailures.ToString(),
    };
}

/// <summary>Access tokens that live one second, so a test can see one expire.</summary>
public sealed class ShortTokenGateway : GatewayHost
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sessions:AccessTokenLifetime"] = "00:00:01",
    };
}

/// <summary>No admin key configured: the admin API must be closed.</summary>
public sealed class KeylessGateway : GatewayHost
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sessions:AdminApiKey"] = "",
    };
}

/// <summary>A tight per-address limit, and on failed authentications, to see the limit answers.</summary>
public sealed class TightLimitGateway : GatewayHost
{
    public const int FailedAuthentications = 3;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sessions:RateLimits:PerAddressPerSecond"] = "1",
        ["Sessions:RateLimits:PerAddressBurst"] = "3",
        ["Sessions:RateLimits:FailedAuthenticationsPerMinute"] = TightLimitGateway.FailedAuthentications.ToString(),
    };
}

/// <summary>Few device registrations an hour per address, to see the cap.</summary>
public sealed class DeviceCapGateway : GatewayHost
{
    public const int DevicesPerHour = 3;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sessions:RateLimits:PerAddressDeviceRegistrationsPerHour"] = DevicesPerHour.ToString(),
    };
}

/// <summary>The Orleans Dashboard on.</summary>
public sealed class DashboardGateway : GatewayHost
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sessions:Dashboard:Enabled"] = "true",
    };
}

/// <summary>API keys on, with limits small enough for a test to reach.</summary>
public sealed class ApiKeyGateway : GatewayHost
{
    public const int MaxPerUser = 3;
    public const int MaxServerKeys = 4;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sessions:ApiKeys:Enabled"] = "true",
        ["Sessions:ApiKeys:MaxPerUser"] = MaxPerUser.ToString(),
        ["Sessions:ApiKeys:MaxServerKeys"] = MaxServerKeys.ToString(),
    };
}

[CollectionDefinition(Name)]
public sealed class DefaultGatewayCollection : ICollectionFixture<DefaultGateway>
{
    public const string Name = "default gateway";
}

[CollectionDefinition(Name)]
public sealed class StrictGatewayCollection : ICollectionFixture<StrictGateway>
{
    public const string Name = "strict gateway";
}

[CollectionDefinition(Name)]
public sealed class ShortTokenGatewayCollection : ICollectionFixture<ShortTokenGateway>
{
    public const string Name = "short-token gateway";
}

[CollectionDefinition(Name)]
public sealed class KeylessGatewayCollection : ICollectionFixture<KeylessGateway>
{
    public const string Name = "keyless gateway";
}

[CollectionDefinition(Name)]
public sealed class TightLimitGatewayCollection : ICollectionFixture<TightLimitGateway>
{
    public const string Name = "tight-limit gateway";
}

[CollectionDefinition(Name)]
public sealed class DashboardGatewayCollection : ICollectionFixture<DashboardGateway>
{
    public const string Name = "dashboard gateway";
}

[CollectionDefinition(Name)]
public sealed class TelemetryGatewayCollection : ICollectionFixture<TelemetryGateway>
{
    public const string Name = "telemetry gateway";
}

[CollectionDefinition(Name)]
public sealed class CustomTokenGatewayCollection : ICollectionFixture<CustomTokenGateway>
{
    public const string Name = "custom-token gateway";
}

[CollectionDefinition(Name)]
public sealed class ApiKeyGatewayCollection : ICollectionFixture<ApiKeyGateway>
{
    public const string Name = "api-key gateway";
}

/// <summary>The embedded default's own storage: grain state and the user directory in a SQLite file of its own.</summary>
public sealed class SqliteGateway : GatewayHost
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "sessions-sqlite-" + Guid.NewGuid().ToString("N"));

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Embedded:Storage"] = "sqlite",
        ["Embedded:DataDirectory"] = _dataDirectory,
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class DeviceCapGatewayCollection : ICollectionFixture<DeviceCapGateway>
{
    public const string Name = "device-cap gateway";
}
