using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Users;

/// <summary>A user's last audit events, the oldest dropped past <paramref name="kept"/>.</summary>
public sealed class AuditTrail(AuditTrailState state, int kept)
{
    public void Add(AuditEvent audit)
    {
        state.Events.Add(audit);
        if (state.Events.Count > kept)
        {
            state.Events.RemoveRange(0, state.Events.Count - kept);
        }
    }

    public IReadOnlyList<AuditEvent> NewestFirst() => Enumerable.Reverse(state.Events).ToList();
}
