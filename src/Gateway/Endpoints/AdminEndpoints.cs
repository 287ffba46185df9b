using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Abstractions.Identities;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Callers;
using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Problems;
using OrleansSessions.Gateway.Tokens;
using OrleansSessions.Gateway.Settings;
using OrleansSessions.Gateway.UserDirectory;

namespace OrleansSessions.Gateway.Endpoints;

/// <summary>The admin routes (admin key): look up, confirm, disable, enable, revoke, delete, custom data, devices.</summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1/admin").WithTags("Admin").RequireAuthorization(AdminKeyAuthentication.PolicyName);
        admin.MapGet("/users", FindOrList)
            .WithSummary("With email: the user of that address. Without: a page of users (ADMIN.md: status, type, provider, q, limit, cursor).")
            .Refuses(ErrorCodes.InvalidAdminKey, ErrorCodes.ValidationFailed, ErrorCodes.UserNotFound);
        admin.MapDirectoryEndpoints();

        var user = admin.MapGroup("/users/{userId}");
        user.MapGet("/", GetUser).WithSummary("A user, its sessions and its devices.")
            .Refuses(ErrorCodes.InvalidAdminKey, ErrorCodes.UserNotFound);
        user.MapPost("/confirm", (string userId, IGrainFactory grains) => Act(grains, userId, u => u.Confirm()))
            .WithSummary("Confirms a pending user.").Refuses(ErrorCodes.InvalidAdminKey, ErrorCodes.UserNotFound);
        user.MapPost("/disable", (string userId, IGrainFactory grains) => Act(grains, userId, u => u.Disable()))
            .WithSummary("Ends every session of the user and refuses its logins until enabled.")
            .Refuses(
                [ErrorCodes.InvalidAdminKey, ErrorCodes.UserNotFound],
                [new StatusOfCode(ErrorCodes.UserPending, StatusCodes.Status409Conflict)]);
        user.MapPost("/enable", (string userId, IGrainFactory grains) => Act(grains, userId, u => u.Enable()))
            .WithSummary("Lets a disabled user log in again.").Refuses(ErrorCodes.InvalidAdminKey, ErrorCodes.UserNotFound);
        user.MapPost("/revoke-sessions", (string userId, IGrainFactory grains) => Act(grains, userId, u => u.RevokeSessions()))
            .WithSummary("Ends every session of the user, on every device, at once.").Refuses(ErrorCodes.InvalidAdminKey, ErrorCodes.UserNotFound);
        user.MapDelete("/", (string userId, IGrainFactory grains) => Act(grains, userId, u => u.Delete()))
            .WithSummary("Deletes the user and takes it off every device.").Refuses(ErrorCodes.InvalidAdminKey, ErrorCodes.UserNotFound);
        user.MapPut("/custom-data", SetCustomData).WithSummary("Sets the user's custom data (a JSON object).")
            .Refuses([.. RouteErrors.BadBody, ErrorCodes.InvalidAdminKey, ErrorCodes.UserNotFound]);
        user.MapGet("/events", GetAuditTrail).WithSummary("The user's last 100 audit events, newest first.")
            .Refuses(ErrorCodes.InvalidAdminKey, ErrorCodes.UserNotFound);

        admin.MapGet("/devices/{deviceId}", GetDevice).WithSummary("A device and its users.")
            .Refuses(ErrorCodes.InvalidAdminKey, ErrorCodes.DeviceNotFound);
        admin.MapPost("/keys/rotate", RotateKeys).WithSummary(
            "Signs new access tokens with a new key; the old key verifies until its last token has expired.")
            .Refuses(ErrorCodes.InvalidAdminKey);
        return app;
    }

    private static async Task<Results<Ok<AdminUserResponse>, Ok<UserListResponse>>> FindOrList(
        HttpRequest request, IGrainFactory grains, UserCursors cursors)
    {
        if (!request.Query.TryGetValue("email", out var email))
        {
            return TypedResults.Ok(await DirectoryEndpoints.List(request, grains, cursors));
        }

        var address = EmailAddress.Normalize(Require.Field(email, "email"));
        var userId = await grains.GetGrain<IIdentityGrain>(address).FindUser() ?? throw UserNotFound();
        return TypedResults.Ok(AdminUserResponse.From(await grains.GetGrain<IUserGrain>(userId).GetAdminView()));
    }

    private static async Task<AdminUserResponse> GetUser(string userId, IGrainFactory grains) =>
        AdminUserResponse.From(await User(grains, userId).GetAdminView());

    private static async Task<NoContent> Act(IGrainFactory grains, string userId, Func<IUserGrain, Task> action)
    {
        await action(User(grains, userId));
        return TypedResults.NoContent();
    }

    private static async Task<AuditTrailResponse> GetAuditTrail(string userId, IGrainFactory grains) =>
        new(await User(grains, userId).GetAuditTrail());

    private static async Task<NoContent> SetCustomData(
        string userId, [FromBody] JsonElement body, IGrainFactory grains, IOptions<SessionsOptions> options)
    {
        Require.That(body.ValueKind == JsonValueKind.Object, "Custom data is a JSON object.");
        JsonText.Require(body, "Custom data");
        var json = body.GetRawText();
        if (Encoding.UTF8.GetByteCount(json) > options.Value.MaxCustomDataBytes)
        {
            throw new SessionsException(
                ErrorCodes.PayloadTooLarge, $"Custom data is at most {options.Value.MaxCustomDataBytes} bytes.");
        }

        await User(grains, userId).SetCustomData(json);
        return TypedResults.NoContent();
    }

    private static async Task<DeviceDetails> GetDevice(string deviceId, IGrainFactory grains) =>
        Ids.IsWellFormed(deviceId)
            ? await grains.GetGrain<IDeviceGrain>(deviceId).GetDetails()
            : throw new SessionsException(ErrorCodes.DeviceNotFound, "No device has this id.");

    private static async Task<KeyRotationResponse> RotateKeys(
        SigningKeyRing keys, IOptions<SessionsOptions> options) =>
        new(await keys.RotateAsync(options.Value.AccessTokenLifetime + options.Value.ClockLeeway));

    /// <summary>The user grain of a well-formed id; any other id names no user, and activates no grain.</summary>
    private static IUserGrain User(IGrainFactory grains, string userId) =>
        Ids.IsWellFormed(userId) ? grains.GetGrain<IUserGrain>(userId) : throw UserNotFound();

    private static SessionsException UserNotFound() => new(ErrorCodes.UserNotFound, "No user has this id.");
}
