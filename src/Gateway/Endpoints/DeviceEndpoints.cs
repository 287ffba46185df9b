using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Callers;
using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansSessions.Gateway.Tokens;
using OrleansSessions.Gateway.Telemetry;
using OrleansSessions.Gateway.Accounts;
using OrleansSessions.Gateway.Limits;
using OrleansSessions.Gateway.Settings;

namespace OrleansSessions.Gateway.Endpoints;

/// <summary>The device routes: register, log in, list, switch, log out, remove (API.md, "Devices").</summary>
public static class DeviceEndpoints
{
    public const int MaxNameLength = 100;

    public static IEndpointRouteBuilder MapDeviceEndpoints(this IEndpointRouteBuilder app)
    {
        var devices = app.MapGroup("/v1/devices").WithTags("Devices");
        devices.MapPost("/", Register).WithSummary("Registers a device and hands out its device token.")
            .RequireRateLimiting(RateLimits.PerAddress).RegistersDevices().Refuses([.. RouteErrors.BadBody, ErrorCodes.RateLimited]);

        var device = devices.MapGroup("/{deviceId}");
        device.MapPost("/login", LogIn).WithSummary("Logs a user in on the device and makes it the active user.")
            .RequireRateLimiting(RateLimits.PerAddress).ChecksPasswords()
            .Refuses([.. RouteErrors.BadBody, ErrorCodes.InvalidDeviceToken, ErrorCodes.InvalidCredentials, ErrorCodes.UserDisabled,
                ErrorCodes.UserPending, ErrorCodes.DeviceFull, ErrorCodes.RateLimited]);
        device.MapGet("/users", ListUsers).WithSummary("Every user on the device, in first-login order.")
            .Refuses(ErrorCodes.InvalidDeviceToken);
        device.MapGet("/active-user", GetActiveUser).WithSummary("The device's active user, or none.")
            .Refuses(ErrorCodes.InvalidDeviceToken);
        device.MapPut("/active-user", Switch).WithSummary("Switches the active user without re-authentication.")
            .Refuses([.. RouteErrors.BadBody, ErrorCodes.InvalidDeviceToken, ErrorCodes.UserNotOnDevice, ErrorCodes.UserLoggedOut,
                ErrorCodes.ReauthenticationRequired]);
        device.MapPost("/users/{userId}/logout", LogOut).WithSummary("Logs a user out of the device; it stays listed.")
            .Refuses(ErrorCodes.InvalidDeviceToken, ErrorCodes.UserNotOnDevice);
        device.MapDelete("/users/{userId}", Remove).WithSummary("Logs a user out and takes it off the device.")
            .Refuses(ErrorCodes.InvalidDeviceToken, ErrorCodes.UserNotOnDevice);
        return app;
    }

    private static async Task<IResult> Register(DeviceRegistration? body, IGrainFactory grains, SigningKeyRing keys)
    {
        var name = body?.Name;
        Require.That(name is null || name.Length <= MaxNameLength, $"'name' is at most {MaxNameLength} characters.");
        var deviceId = Ids.New();
        var token = (await keys.SealAsync()).NewSecret(TokenSeal.Device, deviceId);
        await grains.GetGrain<IDeviceGrain>(deviceId).Register(name, TokenHash.Of(token));
        return TypedResults.Created((string?)null, new RegisteredDevice(deviceId, token));
    }

    private static Task<LoginResponse> LogIn(DeviceCaller caller, Credentials? body, Logins logins) =>
        logins.LogInAsync(caller, body);

    private static Task<DeviceUsers> ListUsers(DeviceCaller caller, IGrainFactory grains) =>
        caller.Device(grains).ListUsers(caller.TokenHash);

    private static async Task<ActiveUserResponse> GetActiveUser(DeviceCaller caller, IGrainFactory grains) =>
        new(await caller.Device(grains).GetActiveUser(caller.TokenHash));

    private static async Task<SwitchResponse> Switch(
        DeviceCaller caller, SwitchRequest? body, IGrainFactory grains, AccessTokens tokens,
        IOptions<SessionsOptions> options)
    {
        var userId = Require.Field(Require.Body(body).UserId, "userId");
        var result = await GatewayMetrics.CountResult(GatewayMetrics.Switches, () => caller.Device(grains).Switch(
            caller.TokenHash, userId, options.Value.AllowSwitchWithoutReauthentication));
        return new SwitchResponse(result.User, await tokens.IssueAsync(userId, result.SessionId, caller.DeviceId));
    }

    private static async Task<NoContent> LogOut(DeviceCaller caller, string userId, IGrainFactory grains)
    {
        var member = await caller.Device(grains).FindUser(caller.TokenHash, userId);
        if (member.SessionId is not null)
        {
            await grains.GetGrain<IUserGrain>(userId).LogOutOfDevice(caller.DeviceId, member.SessionId);
        }

        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Remove(DeviceCaller caller, string userId, IGrainFactory grains)
    {
        await caller.Device(grains).FindUser(caller.TokenHash, userId);
        await grains.GetGrain<IUserGrain>(userId).RemoveFromDevice(caller.DeviceId);
        return TypedResults.NoContent();
    }
}
