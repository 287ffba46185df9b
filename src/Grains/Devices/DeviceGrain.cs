using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Devices;

/// <summary>
/// A device and its users. It trusts no session it has not checked: before it shows, lists or switches to a
/// logged-in user, it asks that user's grain whether the session is still live, so a lost push never leaves a
/// device showing a user whose session has ended.
/// </summary>
public sealed partial class DeviceGrain(
    [PersistentState("device")] IPersistentState<DeviceState> state,
    TimeProvider time,
    ILogger<DeviceGrain> logger) : Grain, IDeviceGrain
{
    /// <summary>How long a listener's subscription lasts unless renewed.</summary>
    private static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(2);

    /// <summary>The live listeners; made on the first subscription, as most devices never have one.</summary>
    private ObserverManager<IDeviceObserver>? _listeners;

    private DeviceRoster? _roster;

    private DeviceRoster Roster => _roster ??= new DeviceRoster(state.State);

    /// <summary>A user id reserved for the next anonymous login, so parallel ones get the same user.</summary>
    private string? _reservedAnonymousUserId;

    public async Task<DeviceInfo> Register(string? name, TokenHash tokenHash)
    {
        if (state.State.IsRegistered)
        {
            // The same registration sent again by a gateway that lost the answer carries the same new token.
            return tokenHash.Matches(state.State.TokenHash)
                ? Info()
                : throw new SessionsException(ErrorCodes.ValidationFailed, "This device id is taken.");
        }

        state.State.TokenHash = tokenHash;
        state.State.Name = name;
        state.State.CreatedAt = time.GetUtcNow();
        await Write();
        SessionsMetrics.DevicesRegistered.Add(1);
        await CountInDirectory();
        return Info();
    }

    public Task<DeviceInfo> Authenticate(TokenHash tokenHash)
    {
        CheckToken(tokenHash);
        return Task.FromResult(Info());
    }

    public async Task<DeviceUsers> ListUsers(TokenHash tokenHash)
    {
        CheckToken(tokenHash);
        await VerifySessions();
        return new DeviceUsers(Roster.ActiveUserId, Roster.List());
    }

    public async Task<DeviceUser?> GetActiveUser(TokenHash tokenHash)
    {
        CheckToken(tokenHash);
        await VerifySessions();
        return Roster.Active();
    }

    public Task<DeviceMember> FindUser(TokenHash tokenHash, string userId)
    {
        CheckToken(tokenHash);
        var entry = Roster.Find(userId) ?? throw NotOnDevice();
        return Task.FromResult(new DeviceMember(entry.UserId, entry.SessionId));
    }

    public async Task<string> ReserveAnonymousUser(TokenHash tokenHash)
    {
        CheckToken(tokenHash);
        await VerifySessions();
        return Roster.LoggedInAnonymous()?.UserId ?? (_reservedAnonymousUserId ??= Ids.New());
    }

    public Task<DeviceInfo> AdmitLogin(TokenHash tokenHash, string userId, int maxUsers)
    {
        CheckToken(tokenHash);
        if (Roster.Find(userId) is null && Roster.Count >= maxUsers)
        {
            throw new SessionsException(
                ErrorCodes.DeviceFull, $"This device holds {maxUsers} users, the most it may; remove one first.");
        }

        return Task.FromResult(Info());
    }

    public async Task<SwitchResult> Switch(TokenHash tokenHash, string userId, bool allowWithoutReauthentication)
    {
        CheckToken(tokenHash);
        var target = Roster.SwitchTarget(userId, allowWithoutReauthentication);
        var sessionId = target.SessionId!;
        var user = GrainFactory.GetGrain<IUserGrain>(userId);
        if (TakeIn(userId, sessionId, await user.CheckDeviceSession(this.GetPrimaryKeyString(), sessionId)))
        {
            await Save();
        }

        var entry = Roster.Switch(userId, allowWithoutReauthentication, time.GetUtcNow());
        await Save();
        await user.RecordSwitch(this.GetPrimaryKeyString(), entry.SessionId!);
        return new SwitchResult(Roster.View(entry), entry.SessionId!);
    }

    public async Task Apply(DeviceNotice notice)
    {
        if (state.State.IsRegistered && ApplyNotice(notice))
        {
            await Save();
        }
    }

    /// <summary>Applies a user grain's notice to the roster; false when it was old news.</summary>
    private bool ApplyNotice(DeviceNotice notice)
    {
        if (notice.Kind == DeviceNoticeKind.SignedIn && notice.UserId == _reservedAnonymousUserId)
        {
            _reservedAnonymousUserId = null;
        }

        return Roster.Apply(notice, time.GetUtcNow());
    }

    public async Task<DeviceDetails> GetDetails()
    {
        if (!state.State.IsRegistered)
        {
            throw new SessionsException(ErrorCodes.DeviceNotFound, "No device has this id.");
        }

        await VerifySessions();
        return new DeviceDetails(
            this.GetPrimaryKeyString(), state.State.Name, state.State.CreatedAt, Roster.ActiveUserId, Roster.List());
    }

    public Task<DeviceEvent> Subscribe(TokenHash tokenHash, IDeviceObserver observer)
    {
        CheckToken(tokenHash);
        (_listeners ??= new ObserverManager<IDeviceObserver>(SubscriptionLifetime, logger)).Subscribe(observer, observer);
        return Task.FromResult(new DeviceEvent(
            DeviceEvent.Ready, this.GetPrimaryKeyString(), Roster.Version, null, Roster.ActiveUserId));
    }

    public Task Unsubscribe(IDeviceObserver observer)
    {
        _listeners?.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <summary>Persists the roster's changes, then tells the listeners what changed and who is active now.</summary>
    private async Task Save()
    {
        await Write();
        var changes = Roster.TakeEvents();
        if (_listeners is null)
        {
            return;
        }

        var deviceId = this.GetPrimaryKeyString();
        foreach (var change in changes)
        {
            var deviceEvent = new DeviceEvent(
                change.Type, deviceId, change.Version, change.UserId, Roster.ActiveUserId, change.Reason);
            _listeners.Notify(listener => listener.OnDeviceEvent(deviceEvent));
        }
    }

    /// <summary>
    /// Writes the state. After a failed write the grain deactivates, so that no later call is served from memory
    /// that storage does not hold: a notice sent again would otherwise be taken for old news and never written.
    /// </summary>
    private async Task Write()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private DeviceInfo Info() => new(this.GetPrimaryKeyString(), state.State.Name);

    private void CheckToken(TokenHash tokenHash)
    {
        if (!tokenHash.Matches(state.State.TokenHash))
        {
            throw new SessionsException(ErrorCodes.InvalidDeviceToken, "The device token is not valid for this device.");
        }
    }

    private static SessionsException NotOnDevice() => new(ErrorCodes.UserNotOnDevice, "The user is not on this device.");

    /// <summary>Checks every logged-in user's session with its user grain and takes in what the checks tell.</summary>
    private async Task VerifySessions()
    {
        var loggedIn = Roster.Entries.Where(e => e.IsLoggedIn).Select(e => (e.UserId, SessionId: e.SessionId!)).ToList();
        var checks = await Task.WhenAll(loggedIn.Select(s => Check(s.UserId, s.SessionId)));
        var changed = false;
        for (var i = 0; i < loggedIn.Count; i++)
        {
            changed |= TakeIn(loggedIn[i].UserId, loggedIn[i].SessionId, checks[i]);
        }

        if (changed)
        {
            await Save();
        }
    }

    private Task<SessionCheck> Check(string userId, string sessionId) =>
        GrainFactory.GetGrain<IUserGrain>(userId).CheckDeviceSession(this.GetPrimaryKeyString(), sessionId);

    /// <summary>
    /// Applies the notice the user grain had still to deliver here, then records the checked session as ended if
    /// it is dead and still the user's session here: a session that a newer login replaced is not an ended one.
    /// </summary>
    private bool TakeIn(string userId, string sessionId, SessionCheck check)
    {
        var changed = check.Pending is { } notice && ApplyNotice(notice);
        if (!check.IsLive && Roster.Find(userId) is { } entry && entry.SessionId == sessionId)
        {
            Roster.SessionFoundEnded(entry);
            changed = true;
        }

        return changed;
    }
}
