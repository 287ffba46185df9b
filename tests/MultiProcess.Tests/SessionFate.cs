namespace OrleansSessions.MultiProcess.Tests;

public enum SessionFate
{
    /// <summary>Nothing that ends it was sent: it must keep working.</summary>
    Live,

    /// <summary>A logout or revoke was sent and not acknowledged: it may or may not have ended.</summary>
    MaybeEnded,

    /// <summary>A logout or revoke of it was acknowledged: none of its tokens may work again, and its device lists it loggedOut.</summary>
    Ended,
}
