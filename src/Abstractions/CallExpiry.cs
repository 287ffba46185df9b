using Orleans.Runtime;

namespace OrleansSessions.Abstractions;

/// <summary>
/// The moment a gateway gives up on one attempt of a grain call, carried with the call (in Orleans's request
/// context, as wall-clock time) so that a silo never starts an attempt that arrives after it: only then may the
/// gateway send the call again. Orleans's own message expiry is a time-to-live counted from when a process reads
/// the message, so a call that sat in the buffers of a paused silo (SIGSTOP, a long GC pause) looks fresh when the
/// silo resumes, and would otherwise run after its retry was acknowledged and the client had moved on (a refresh
/// run twice reads as a stolen token and ends the session; a login run after the logout that followed it starts a
/// session nobody holds). It assumes the clocks of gateways and silos agree to well within a second (NTP).
/// </summary>
public static class CallExpiry
{
    private const string Key = "sessions-call-expiry";

    /// <summary>Marks the grain calls made from here on in this flow as given up at <paramref name="at"/>.</summary>
    public static void Set(DateTimeOffset at) => RequestContext.Set(Key, at.ToUnixTimeMilliseconds());

    /// <summary>
    /// The expiry of the call being served, if its sender set one; taken off the request context, so that the calls
    /// this one makes in turn (a user grain telling a device) are not held to it.
    /// </summary>
    public static DateTimeOffset? Take()
    {
        if (RequestContext.Get(Key) is not long milliseconds)
        {
            return null;
        }

        RequestContext.Remove(Key);
        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }
}
