using System.Text.Json.Nodes;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Users;

/// <summary>An account's lifecycle, identities and custom data; its sessions are <see cref="SessionBook"/>'s.</summary>
public sealed class UserAccount(string userId, UserState state)
{
    public string UserId => userId;

    public bool Exists => state.Exists;

    /// <summary>Whether the account was ever made (it may have been deleted since).</summary>
    public bool WasCreated => state.Status is not null;

    public bool IsDeleted => state.Deleted;

    /// <summary>Whether the account was registered with this email (and so a registration repeated is done).</summary>
    public bool IsRegisteredAs(string email) => WasCreated && state.Email == email;

    public bool IsAnonymous => state.IsAnonymous;

    public IEnumerable<string> Emails => state.Identities
        .Where(i => i.ProviderType == ProviderTypes.LocalUserPass).Select(_ => state.Email!);

    /// <summary>The identities at external issuers, each of which an identity grain binds to this user.</summary>
    public IEnumerable<UserIdentity> ExternalIdentities => state.Identities.Where(IsExternal);

    public bool IsPending => Exists && state.Status == UserStatus.Pending;

    public static bool IsExternal(UserIdentity identity) => identity.ProviderType == ProviderTypes.CustomToken;

    public bool Has(UserIdentity identity) => state.Identities.Contains(identity);

    public void CreateRegistered(string email, bool pending, DateTimeOffset now)
    {
        Create(ProviderTypes.LocalUserPass, now);
        state.Email = email;
        state.Status = pending ? UserStatus.Pending : UserStatus.Confirmed;
    }

    public void CreateAnonymous(DateTimeOffset now) => Create(ProviderTypes.Anonymous, now);

    public void CreateExternal(UserIdentity identity, DateTimeOffset now)
    {
        state.CreatedAt = now;
        state.Identities = [identity];
        state.Status = UserStatus.Confirmed;
    }

    private void Create(string providerType, DateTimeOffset now) =>
        CreateExternal(new UserIdentity(providerType, Ids.New()), now);

    /// <summary>Refuses a login the account's standing does not allow.</summary>
    public void EnsureCanLogIn()
    {
        if (!Exists)
        {
            throw new SessionsException(ErrorCodes.InvalidCredentials, "The credentials are not valid.");
        }

        switch (state.Status)
        {
            case UserStatus.Pending:
                throw new SessionsException(ErrorCodes.UserPending, "The account is waiting for email confirmation.");
            case UserStatus.Disabled:
                throw new SessionsException(ErrorCodes.UserDisabled, "The account is disabled.");
        }
    }

    public void MarkLoggedIn(DateTimeOffset now)
    {
        state.HasLoggedIn = true;
        state.LastLoginAt = now;
    }

    /// <summary>The email of the account's email/password identity, or <c>invalid-credentials</c>.</summary>
    public string RequireEmail() =>
        state.Email ?? throw new SessionsException(ErrorCodes.InvalidCredentials, "This user has no password.");

    public void Confirm()
    {
        if (state.Status == UserStatus.Pending)
        {
            state.Status = UserStatus.Confirmed;
        }
    }

    /// <summary>No login until enabled. A pending user cannot be disabled.</summary>
    public void Disable()
    {
        if (state.Status == UserStatus.Pending)
        {
            throw new SessionsException(ErrorCodes.UserPending, "A pending user cannot be disabled, only deleted.");
        }

        state.Status = UserStatus.Disabled;
    }

    public void Enable()
    {
        if (state.Status == UserStatus.Disabled)
        {
            state.Status = UserStatus.Confirmed;
        }
    }

    public void MarkDeleted()
    {
        state.Deleted = true;
        state.CustomData = "{}";
    }

    public void SetCustomData(string json) => state.CustomData = json;

    /// <summary>Sets each property of <paramref name="json"/> (an object) in the custom data, keeping the others.</summary>
    public void MergeIntoCustomData(string json)
    {
        var copied = JsonNode.Parse(json)!.AsObject();
        if (copied.Count == 0)
        {
            return;
        }

        var data = JsonNode.Parse(state.CustomData)!.AsObject();
        foreach (var (name, value) in copied)
        {
            data[name] = value?.DeepClone();
        }

        state.CustomData = data.ToJsonString();
    }

    /// <summary>Keeps what an identity provider said of the user at its latest login, when it said something.</summary>
    public void SetMetadata(UserMetadata? metadata)
    {
        if (metadata is not null && metadata != UserMetadata.None)
        {
            state.Metadata = metadata;
        }
    }

    /// <summary>Refuses to give this account up for a link unless it was registered and never used.</summary>
    public void EnsureReleasableForLink()
    {
        EnsureCanLogIn();
        if (state.HasLoggedIn || state.Identities.Count != 1)
        {
            throw new SessionsException(ErrorCodes.IdentityInUse, "This identity belongs to a user that has logged in.");
        }
    }

    /// <summary>Adds an identity (with its email, for an email/password one, of which a user has at most one).</summary>
    public void AddIdentity(UserIdentity identity, string? email)
    {
        if (email is not null && state.Email is not null || state.Identities.Contains(identity))
        {
            throw new SessionsException(ErrorCodes.IdentityInUse, "This user has such an identity already.");
        }

        state.Identities.Add(identity);
        state.Email ??= email;
    }

    /// <summary>
    /// The mailbox owner proved the email (used a token sent to it). The first proof removes every other identity:
    /// each was linked while the address was unproven, possibly by someone who registered an address not theirs.
    /// Returns the identities removed.
    /// </summary>
    public IReadOnlyList<UserIdentity> ProveEmail(DateTimeOffset now)
    {
        if (state.EmailProvenAt is not null)
        {
            return [];
        }

        state.EmailProvenAt = now;
        var removed = state.Identities.Where(i => i.ProviderType != ProviderTypes.LocalUserPass).ToList();
        state.Identities.RemoveAll(removed.Contains);
        return removed;
    }

    public Profile Profile() => new(
        userId, state.Status!.Value, state.Email, state.Identities.ToList(), state.CustomData, state.CreatedAt,
        state.EmailProvenAt, state.Metadata);
}
