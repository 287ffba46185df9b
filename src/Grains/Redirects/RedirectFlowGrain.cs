using OrleansSessions.Abstractions.Redirects;

namespace OrleansSessions.Grains.Redirects;

/// <summary>
/// A redirect flow, stored so that any gateway of the cluster can finish it, even after the silo holding it moved.
/// It stays active until it expires and then clears itself, so a flow the user abandoned leaves nothing behind
/// (unless its silo stops first: then the expired row is cleared by the next <see cref="Take"/> of that state).
/// </summary>
public sealed class RedirectFlowGrain(
    [PersistentState("redirectFlow")] IPersistentState<RedirectFlowState> state, TimeProvider time) : Grain, IRedirectFlowGrain
{
    public async Task Start(RedirectFlow flow)
    {
        state.State.Flow = flow;
        await state.WriteStateAsync();
        var lifetime = flow.ExpiresAt - time.GetUtcNow();
        if (lifetime > TimeSpan.Zero)
        {
            DelayDeactivation(lifetime + TimeSpan.FromSeconds(5));
            this.RegisterGrainTimer(_ => ClearAsync(), lifetime, Timeout.InfiniteTimeSpan);
        }
    }

    public async Task<RedirectFlow?> Take()
    {
        var flow = state.State.Flow;
        if (flow is null)
        {
            return null;
        }

        await ClearAsync();
        return flow.ExpiresAt > time.GetUtcNow() ? flow : null;
    }

    private async Task ClearAsync()
    {
        if (state.State.Flow is not null)
        {
            await state.ClearStateAsync();
            state.State.Flow = null;
        }

        DeactivateOnIdle();
    }
}
