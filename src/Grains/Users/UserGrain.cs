using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Abstractions.Identities;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Users;

/// <summary>
/// A user's account and sessions. Each change is persisted together with the notices its devices must get, then
/// pushed to those devices in parallel before the call returns. A notice that could not be delivered stays in
/// the persisted outbox and is retried, also by the next activation if this silo dies first; and devices check
/// a session with this grain before they trust it, so a lost notice never shows a user logged in.
/// </summary>
public sealed partial class UserGrain(
    [PersistentState("user")] IPersistentState<UserState> state,
    IOptions<SessionPolicyOptions> policy,
    TimeProvider time,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan AuditWriteDelay = TimeSpan.FromSeconds(1);

    private UserAccount? _account;
    private IGrainTimer? _retryTimer;
    private IGrainTimer? _auditWrite;

    private UserAccount Account => _account ??= new UserAccount(this.GetPrimaryKeyString(), state.State, policy.Value);

    private DateTimeOffset Now => time.GetUtcNow();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Outbox.Count > 0)
        {
            ScheduleRetry();
        }

        return Task.CompletedTask;
    }

    public async Task CreateRegistered(string email, TokenHash? confirmationTokenHash)
    {
        if (state.State.Status is not null)
        {
            throw new SessionsException(ErrorCodes.AccountNameInUse, "This user id is taken.");
        }

        Account.CreateRegistered(email, confirmationTokenHash, Now);
        await state.WriteStateAsync();
    }

    public Task<bool> Exists() => Task.FromResult(Account.Exists);

    public Task<bool> IsDeleted() => Task.FromResult(state.State.Deleted);

    public async Task<SessionGrant> LoginExternal(NewSession session, UserIdentity identity, string copiedClaims)
    {
        if (state.State.Status is null)
        {
            Account.CreateExternal(identity, Now);
        }

        await EnsureCanLogIn(session);
        Account.MergeIntoCustomData(copiedClaims);
        return await StartSession(session);
    }

    public async Task<Profile> LinkExternal(string sessionId, UserIdentity identity)
    {
        Account.CheckSession(sessionId, Now);
        await GrainFactory.GetGrain<IExternalIdentityGrain>(IdentityKeys.External(identity)).Link(Account.UserId);
        Account.Link(identity);
        Audit(AuditActions.Link, AuditActions.ByUser, sessionId: sessionId);
        await Commit();
        LogLinked(Account.UserId);
        return Account.Profile();
    }

    public async Task<SessionGrant> Login(NewSession session)
    {
        await EnsureCanLogIn(session);
        return await StartSession(session);
    }

    public async Task<SessionGrant> LoginAnonymous(NewSession session)
    {
        if (state.State.Status is null)
        {
            Account.CreateAnonymous(Now);
        }
        else if (!Account.IsAnonymous)
        {
            throw new SessionsException(ErrorCodes.InvalidCredentials, "The credentials are not valid.");
        }

        await EnsureCanLogIn(session);
        return await StartSession(session);
    }

    /// <summary>Refuses a login the account's standing does not allow, and notes the refusal of an existing account.</summary>
    private async Task EnsureCanLogIn(NewSession session)
    {
        try
        {
            Account.EnsureCanLogIn();
        }
        catch (SessionsException refusal) when (Account.Exists)
        {
            Audit(AuditActions.Login, AuditActions.ByDevice, session.Device.DeviceId, outcome: refusal.Code);
            await state.WriteStateAsync();
            throw;
        }
    }

    private async Task<SessionGrant> StartSession(NewSession session)
    {
        var started = Account.StartSession(session, Now);
        Audit(AuditActions.Login, AuditActions.ByDevice, started.DeviceId, started.SessionId);
        await Commit();
        return Grant(started);
    }

    public async Task<SessionGrant> Refresh(string sessionId, TokenHash presented, TokenHash successor)
    {
        var session = Account.Refresh(sessionId, presented, successor, Now);
        if (session is null)
        {
            Audit(AuditActions.RefreshTokenReuse, AuditActions.BySystem, sessionId: sessionId, outcome: "session-ended");
            await Commit();
            LogRefreshTokenReused(Account.UserId, sessionId);
            throw new SessionsException(ErrorCodes.InvalidSession, "The refresh token is not valid.");
        }

        await state.WriteStateAsync();
        return Grant(session);
    }

    public async Task LogoutWithRefreshToken(string sessionId, TokenHash refreshTokenHash)
    {
        if (Account.EndSessionWithRefreshToken(sessionId, refreshTokenHash, Now))
        {
            Audit(AuditActions.Logout, AuditActions.ByUser, sessionId: sessionId);
            await Commit();
        }
    }

    public Task<bool> IsSessionLive(string sessionId) => Task.FromResult(Account.IsLive(sessionId, Now));

    public Task<SessionCheck> CheckDeviceSession(string deviceId, string sessionId) =>
        Task.FromResult(new SessionCheck(Account.IsLive(sessionId, Now), state.State.Outbox.GetValueOrDefault(deviceId)));

    public Task<SessionCheck> CheckSwitch(string deviceId, string sessionId)
    {
        var check = new SessionCheck(Account.IsLive(sessionId, Now), state.State.Outbox.GetValueOrDefault(deviceId));
        if (check.IsLive)
        {
            Audit(AuditActions.Switch, AuditActions.ByDevice, deviceId, sessionId);
            WriteAuditSoon();
        }

        return Task.FromResult(check);
    }

    public async Task LogOutOfDevice(string deviceId, string? sessionId)
    {
        if (Account.SessionOn(deviceId) is { } session && (sessionId is null || session.SessionId == sessionId))
        {
            Account.EndSession(session, SessionEndReason.Logout);
        }
        else if (sessionId is not null)
        {
            Account.ConfirmLoggedOut(deviceId, sessionId);
        }

        Audit(AuditActions.Logout, AuditActions.ByDevice, deviceId, sessionId);
        await Commit();
    }

    public async Task RemoveFromDevice(string deviceId)
    {
        Account.RemoveFromDevice(deviceId);
        Audit(AuditActions.Remove, AuditActions.ByDevice, deviceId);
        await Commit();
    }

    public Task<Profile> GetProfile(string sessionId)
    {
        Account.CheckSession(sessionId, Now);
        return Task.FromResult(Account.Profile());
    }

    public Task<IReadOnlyList<SessionInfo>> GetSessions(string sessionId)
    {
        Account.CheckSession(sessionId, Now);
        return Task.FromResult(Account.Sessions());
    }

    public async Task EndSession(string sessionId, string targetSessionId)
    {
        Account.CheckSession(sessionId, Now);
        var target = Account.FindSession(targetSessionId)
            ?? throw new SessionsException(ErrorCodes.SessionNotFound, "The user has no session of this id.");
        Account.EndSession(target, SessionEndReason.SessionEnded);
        Audit(AuditActions.Logout, AuditActions.ByUser, target.DeviceId, targetSessionId);
        await Commit();
    }

    public async Task EndSessions(string sessionId, bool keepCurrent)
    {
        Account.CheckSession(sessionId, Now);
        Account.EndSessions(SessionEndReason.SessionEnded, keepCurrent ? sessionId : null);
        Audit(AuditActions.Logout, AuditActions.ByUser, sessionId: keepCurrent ? null : sessionId);
        await Commit();
    }

    public async Task DeleteSelf(string sessionId)
    {
        Account.CheckSession(sessionId, Now);
        await DeleteAccount(AuditActions.ByUser);
    }

    public async Task<Profile> LinkPassword(string sessionId, string email, Secret password)
    {
        Account.CheckSession(sessionId, Now);
        var identity = GrainFactory.GetGrain<IIdentityGrain>(email);
        var ownerId = await identity.Authenticate(password);
        if (ownerId == Account.UserId || state.State.Email is not null)
        {
            throw new SessionsException(ErrorCodes.IdentityInUse, "This user has an email/password identity already.");
        }

        await GrainFactory.GetGrain<IUserGrain>(ownerId).ReleaseForLink(Account.UserId);
        await identity.Reassign(ownerId, Account.UserId);
        Account.Link(new UserIdentity(ProviderTypes.LocalUserPass, Ids.New()), email);
        Audit(AuditActions.Link, AuditActions.ByUser, sessionId: sessionId);
        await Commit();
        LogLinked(Account.UserId);
        return Account.Profile();
    }

    public async Task ReleaseForLink(string toUserId)
    {
        Account.EnsureReleasableForLink();
        Account.Delete();
        await Commit();
        LogReleasedForLink(Account.UserId, toUserId);
    }

    public async Task ConfirmWithToken(TokenHash tokenHash)
    {
        Account.ConfirmWithToken(tokenHash, Now);
        Audit(AuditActions.Confirm, AuditActions.ByUser);
        await state.WriteStateAsync();
    }

    public async Task<bool> ReissueConfirmation(TokenHash tokenHash)
    {
        var reissued = Account.ReissueConfirmation(tokenHash, Now);
        if (reissued)
        {
            await state.WriteStateAsync();
        }

        return reissued;
    }

    public async Task<bool> StartPasswordReset(TokenHash tokenHash)
    {
        var started = Account.StartPasswordReset(tokenHash, Now);
        if (started)
        {
            await state.WriteStateAsync();
        }

        return started;
    }

    public async Task ResetPassword(TokenHash tokenHash, Secret newPassword)
    {
        var email = Account.UsePasswordResetToken(tokenHash, Now);
        await GrainFactory.GetGrain<IIdentityGrain>(email).SetPassword(Account.UserId, newPassword);
        Account.EndSessions(SessionEndReason.SessionEnded);
        Audit(AuditActions.PasswordReset, AuditActions.ByUser);
        await Commit();
        LogPasswordReset(Account.UserId);
    }

    public async Task ChangePassword(string sessionId, Secret currentPassword, Secret newPassword)
    {
        Account.CheckSession(sessionId, Now);
        var email = Account.RequireEmail();
        await GrainFactory.GetGrain<IIdentityGrain>(email).ChangePassword(Account.UserId, currentPassword, newPassword);
        Account.EndSessions(SessionEndReason.SessionEnded, keepSessionId: sessionId);
        Audit(AuditActions.PasswordChange, AuditActions.ByUser, sessionId: sessionId);
        await Commit();
        LogPasswordChanged(Account.UserId);
    }

    public Task<AdminUser> GetAdminView() => Task.FromResult(EnsureExists().AdminView());

    public async Task Confirm()
    {
        EnsureExists().Confirm();
        Audit(AuditActions.Confirm, AuditActions.ByAdmin);
        await state.WriteStateAsync();
    }

    public async Task Disable()
    {
        EnsureExists().Disable();
        Audit(AuditActions.Disable, AuditActions.ByAdmin);
        await Commit();
    }

    public async Task Enable()
    {
        EnsureExists().Enable();
        Audit(AuditActions.Enable, AuditActions.ByAdmin);
        await state.WriteStateAsync();
    }

    public async Task RevokeSessions()
    {
        EnsureExists().EndSessions(SessionEndReason.Revoked);
        Audit(AuditActions.Revoke, AuditActions.ByAdmin);
        await Commit();
    }

    public async Task Delete()
    {
        EnsureExists();
        await DeleteAccount(AuditActions.ByAdmin);
    }

    public async Task SetCustomData(string json)
    {
        EnsureExists().SetCustomData(json);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<AuditEvent>> GetAuditTrail()
    {
        EnsureExists();
        return Task.FromResult<IReadOnlyList<AuditEvent>>(state.State.AuditTrail.AsEnumerable().Reverse().ToList());
    }

    public Task RecordFailedLogin(string outcome)
    {
        if (Account.Exists)
        {
            Audit(AuditActions.LoginFailed, AuditActions.ByDevice, outcome: outcome);
            WriteAuditSoon();
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Writes events that change nothing but the audit trail (switches, failed logins) within a second, together,
    /// so a user switched to many times a second costs one write; each is logged at once either way.
    /// </summary>
    private void WriteAuditSoon() =>
        _auditWrite ??= this.RegisterGrainTimer(WriteAudit, AuditWriteDelay, Timeout.InfiniteTimeSpan);

    private async Task WriteAudit(CancellationToken cancellationToken)
    {
        _auditWrite!.Dispose();
        _auditWrite = null;
        await state.WriteStateAsync(cancellationToken);
    }

    /// <summary>Adds an entry to the audit trail (written with the change) and logs it as a structured event.</summary>
    private void Audit(
        string action, string actor, string? deviceId = null, string? sessionId = null, string outcome = AuditEvent.Succeeded)
    {
        var trail = state.State.AuditTrail;
        trail.Add(new AuditEvent(Now, action, outcome, deviceId, sessionId, actor));
        if (trail.Count > policy.Value.AuditEventsKept)
        {
            trail.RemoveRange(0, trail.Count - policy.Value.AuditEventsKept);
        }

        LogAudit(Account.UserId, action, outcome, deviceId, sessionId, actor);
    }

    private UserAccount EnsureExists() => Account.Exists
        ? Account
        : throw new SessionsException(ErrorCodes.UserNotFound, "No user has this id.");

    /// <summary>
    /// Deletes the account, tells its devices, and frees its email for a new registration. The release is a
    /// courtesy: an identity whose user is gone is free to register anyway, so its failure fails nothing.
    /// </summary>
    private async Task DeleteAccount(string actor)
    {
        var emails = Account.Emails.ToList();
        var externals = Account.ExternalIdentities.ToList();
        Account.Delete();
        Audit(AuditActions.Delete, actor);
        await Commit();
        try
        {
            await Task.WhenAll(emails.Select(e => GrainFactory.GetGrain<IIdentityGrain>(e).Release(Account.UserId))
                .Concat(externals.Select(i => GrainFactory.GetGrain<IExternalIdentityGrain>(IdentityKeys.External(i)).Release(Account.UserId))));
        }
        catch (Exception exception)
        {
            LogReleaseFailed(exception, Account.UserId);
        }
    }

    private SessionGrant Grant(SessionRecord session) =>
        new(Account.UserId, session.SessionId, session.DeviceId, session.ExpiresAt);

    /// <summary>Persists the change with its notices, then delivers them.</summary>
    private async Task Commit()
    {
        await state.WriteStateAsync();
        await DeliverOutbox();
    }

    /// <summary>Pushes every pending notice to its device in parallel; what fails stays for a retry.</summary>
    private async Task DeliverOutbox()
    {
        var pending = state.State.Outbox.ToList();
        var started = time.GetTimestamp();
        var delivered = await Task.WhenAll(pending.Select(Deliver));
        SessionsMetrics.FanOutDuration.Record(
            time.GetElapsedTime(started).TotalMilliseconds, SessionsMetrics.Tag("devices", SessionsMetrics.Band(pending.Count)));
        if (delivered.Contains(false))
        {
            ScheduleRetry();
        }
    }

    private async Task<bool> Deliver(KeyValuePair<string, DeviceNotice> item)
    {
        try
        {
            await GrainFactory.GetGrain<IDeviceGrain>(item.Key).Apply(item.Value);
        }
        catch (Exception exception)
        {
            LogDeliveryFailed(exception, Account.UserId, item.Key);
            return false;
        }

        if (state.State.Outbox.TryGetValue(item.Key, out var current) && current == item.Value)
        {
            state.State.Outbox.Remove(item.Key);
        }

        return true;
    }

    private void ScheduleRetry()
    {
        _retryTimer ??= this.RegisterGrainTimer(RetryDelivery, RetryDelay, RetryDelay);
    }

    private async Task RetryDelivery(CancellationToken cancellationToken)
    {
        await DeliverOutbox();
        if (state.State.Outbox.Count == 0)
        {
            _retryTimer?.Dispose();
            _retryTimer = null;
            await state.WriteStateAsync(cancellationToken);
        }
    }

    [LoggerMessage(100, LogLevel.Information,
        "Audit: {Action} of user {UserId}: {Outcome} (device {DeviceId}, session {SessionId}, by {Actor})")]
    private partial void LogAudit(string userId, string action, string outcome, string? deviceId, string? sessionId, string actor);

    [LoggerMessage(1, LogLevel.Warning, "Could not tell device {DeviceId} about user {UserId}; will retry")]
    private partial void LogDeliveryFailed(Exception exception, string userId, string deviceId);

    [LoggerMessage(4, LogLevel.Warning, "Could not free the email identity of deleted user {UserId}; it is free to register anyway")]
    private partial void LogReleaseFailed(Exception exception, string userId);

    [LoggerMessage(5, LogLevel.Warning,
        "Security: a rotated refresh token of session {SessionId} of user {UserId} was used again; the session is ended")]
    private partial void LogRefreshTokenReused(string userId, string sessionId);

    [LoggerMessage(6, LogLevel.Information, "The password of user {UserId} was reset; every session ended")]
    private partial void LogPasswordReset(string userId);

    [LoggerMessage(7, LogLevel.Information, "User {UserId} changed its password; its other sessions ended")]
    private partial void LogPasswordChanged(string userId);

    [LoggerMessage(2, LogLevel.Information, "Linked an email/password identity to user {UserId}")]
    private partial void LogLinked(string userId);

    [LoggerMessage(3, LogLevel.Information, "User {UserId} gave up its identity to user {ToUserId}")]
    private partial void LogReleasedForLink(string userId, string toUserId);
}
