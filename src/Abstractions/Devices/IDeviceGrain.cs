namespace OrleansSessions.Abstractions.Devices;

/// <summary>
/// One device (key: device id): its token, its users in first-login order and the active one. Calls from a
/// client carry the hash of the device token; a wrong hash and an unregistered device are refused alike.
/// </summary>
[Alias("OrleansSessions.IDeviceGrain")]
public interface IDeviceGrain : IGrainWithStringKey
{
    [Alias("Register")]
    Task<DeviceInfo> Register(string? name, TokenHash tokenHash);

    [Alias("Authenticate")]
    Task<DeviceInfo> Authenticate(TokenHash tokenHash);

    [Alias("ListUsers")]
    Task<DeviceUsers> ListUsers(TokenHash tokenHash);

    [Alias("GetActiveUser")]
    Task<DeviceUser?> GetActiveUser(TokenHash tokenHash);

    [Alias("FindUser")]
    Task<DeviceMember> FindUser(TokenHash tokenHash, string userId);

    /// <summary>The anonymous user logged in on this device, or a new user id reserved for one.</summary>
    [Alias("ReserveAnonymousUser")]
    Task<string> ReserveAnonymousUser(TokenHash tokenHash);

    /// <summary>Checks that one more login of <paramref name="userId"/> fits on the device.</summary>
    [Alias("AdmitLogin")]
    Task<DeviceInfo> AdmitLogin(TokenHash tokenHash, string userId, int maxUsers);

    [Alias("Switch")]
    Task<SwitchResult> Switch(TokenHash tokenHash, string userId, bool allowWithoutReauthentication);

    /// <summary>Applies a user grain's notice; idempotent.</summary>
    [Alias("Apply")]
    Task Apply(DeviceNotice notice);

    [Alias("GetDetails")]
    Task<DeviceDetails> GetDetails();

    /// <summary>
    /// Sends the device's events to <paramref name="observer"/> for the next few minutes (renew to keep them
    /// coming); answers with the <c>ready</c> event, once the subscription is live.
    /// </summary>
    [Alias("Subscribe")]
    Task<DeviceEvent> Subscribe(TokenHash tokenHash, IDeviceObserver observer);

    [Alias("Unsubscribe")]
    Task Unsubscribe(IDeviceObserver observer);
}
