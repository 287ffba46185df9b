using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansSessions.Gateway.Startup;
using OrleansSessions.Grains;

namespace OrleansSessions.Gateway.Tests;

/// <summary>
/// Every rule of the settings, checked at start: the gateway's (<c>SessionsOptions</c>, nested rate limits included,
/// and the Realm API's) and the grains' session policy, each refused by the validation the host runs before it
/// starts. The process tests (MultiProcess.Tests, StartupErrorTests) show what an operator then reads.
/// </summary>
public sealed class SettingsRulesTests
{
    [Theory]
    [InlineData("Sessions:AccessTokenLifetime", "00:00:00", "AccessTokenLifetime")]
    [InlineData("Sessions:MaxUsersPerDevice", "0", "MaxUsersPerDevice")]
    [InlineData("Sessions:Issuer", "", "Issuer")]
    [InlineData("Sessions:Audience", "", "Audience")]
    [InlineData("Sessions:ClockLeeway", "00:00:06", "ClockLeeway")]
    [InlineData("Sessions:MaxRequestBodyBytes", "100", "MaxRequestBodyBytes")]
    [InlineData("Sessions:MaxCustomDataBytes", "1", "MaxCustomDataBytes")]
    [InlineData("Sessions:RateLimits:PerAddressPerSecond", "-1", "RateLimits.PerAddressPerSecond")]
    [InlineData("Sessions:RateLimits:PerAddressBurst", "0", "RateLimits.PerAddressBurst")]
    [InlineData("Sessions:Realm:AppId", "my app!", "AppId")]
    [InlineData("Sessions:Realm:AllowedOrigins:0", "https://app.example.com/", "AllowedOrigins")]
    [InlineData("Sessions:Realm:PublicBaseUrl", "relative/path", "PublicBaseUrl")]
    public void A_gateway_setting_that_breaks_its_rule_stops_the_start(string setting, string value, string member)
    {
        Assert.Null(GatewayFailure([]));
        var failure = GatewayFailure(new() { [setting] = value });
        AssertNames(failure, member);
    }

    [Theory]
    [InlineData("Sessions:RefreshTokenLifetime", "00:01:00", "RefreshTokenLifetime")]
    [InlineData("Sessions:RefreshTokenLifetime", "181.00:00:00", "RefreshTokenLifetime")]
    [InlineData("Sessions:SessionIdleTimeout", "00:00:00", "SessionIdleTimeout")]
    [InlineData("Sessions:ConfirmationTokenLifetime", "00:00:00", "ConfirmationTokenLifetime")]
    [InlineData("Sessions:PasswordResetTokenLifetime", "00:00:00", "PasswordResetTokenLifetime")]
    [InlineData("Sessions:RefreshTokenReuseGrace", "-00:00:01", "RefreshTokenReuseGrace")]
    [InlineData("Sessions:RecentlyEndedSessionsKept", "-1", "RecentlyEndedSessionsKept")]
    [InlineData("Sessions:RetiredRefreshTokensKept", "-1", "RetiredRefreshTokensKept")]
    [InlineData("Sessions:AuditEventsKept", "-1", "AuditEventsKept")]
    [InlineData("Sessions:Lockout:MaxFailures", "0", "Lockout.MaxFailures")]
    [InlineData("Sessions:Lockout:Window", "00:00:00", "Lockout.Window")]
    public void A_silo_setting_that_breaks_its_rule_stops_the_start(string setting, string value, string member)
    {
        Assert.Null(SiloFailure([]));
        var failure = SiloFailure(new() { [setting] = value });
        AssertNames(failure, member);
    }

    /// <summary>The failure names the member, and the section it is nested in (<c>SessionsOptions.RateLimits</c>).</summary>
    private static void AssertNames(OptionsValidationException? failure, string member)
    {
        Assert.NotNull(failure);
        var parts = member.Split('.');
        Assert.True(failure.Message.Contains($"'{parts[^1]}'") && parts.All(failure.Message.Contains), failure.Message);
    }

    private static OptionsValidationException? GatewayFailure(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddSessionsApi();
        using var app = builder.Build();
        return FailureOf(app.Services);
    }

    private static OptionsValidationException? SiloFailure(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo.AddSessionGrains(configuration));
        using var host = builder.Build();
        return FailureOf(host.Services);
    }

    private static OptionsValidationException? FailureOf(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (OptionsValidationException failure)
        {
            return failure;
        }
    }
}
