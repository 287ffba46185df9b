namespace OrleansSessions.Grains.Identities;

/// <summary>How a password matched its hash: not at all, or yes (and whether its hash should be made anew).</summary>
public enum PasswordMatch
{
    Failed,
    Valid,
    ValidNeedsRehash,
}
