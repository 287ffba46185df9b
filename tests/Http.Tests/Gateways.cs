namespace OrleansSessions.Http.Tests;

/// <summary>The gateway as it starts with only an admin key: every default of API.md.</summary>
public sealed class DefaultGateway : GatewayFixture;

[CollectionDefinition(Name)]
public sealed class DefaultGatewayCollection : ICollectionFixture<DefaultGateway>
{
    public const string Name = "default gateway";
}

/// <summary>A gateway set up the safer way: email confirmation, no switching without re-login, small devices.</summary>
public sealed class StrictGateway : GatewayFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sessions:RequireEmailConfirmation"] = "true",
        ["Sessions:AllowSwitchWithoutReauthentication"] = "false",
        ["Sessions:MaxUsersPerDevice"] = "3",
        ["Sessions:Lockout:MaxFailures"] = "3",
    };
}

[CollectionDefinition(Name)]
public sealed class StrictGatewayCollection : ICollectionFixture<StrictGateway>
{
    public const string Name = "strict gateway";
}
