namespace OrleansSessions.MultiProcess.Tests;

/// <summary>An acknowledged login of a user on a device, with its latest acknowledged tokens and what became of it.</summary>
public sealed class TrackedSession(string userId, TrackedDevice device, string accessToken, string refreshToken)
{
    public string UserId { get; } = userId;

    public TrackedDevice Device { get; } = device;

    public string AccessToken { get; set; } = accessToken;

    /// <summary>The refresh token, unless a refresh was sent and not acknowledged (it may have rotated the token).</summary>
    public string? RefreshToken { get; set; } = refreshToken;

    public SessionFate Fate { get; set; } = SessionFate.Live;

    public override string ToString() => $"user {UserId} on device {Device.Id}";
}
