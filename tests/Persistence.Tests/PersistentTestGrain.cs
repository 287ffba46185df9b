namespace OrleansSessions.Persistence.Tests;

/// <summary>A grain that keeps one value in the default grain storage.</summary>
public sealed class PersistentTestGrain([PersistentState("value")] IPersistentState<TestState> value) : Grain, IPersistentTestGrain
{
    /// <inheritdoc/>
    public async Task SetAsync(string text)
    {
        value.State.Text = text;
        await value.WriteStateAsync();
    }

    /// <inheritdoc/>
    public Task<string?> GetAsync() => Task.FromResult(value.State.Text);

    /// <inheritdoc/>
    public Task<string> GetActivationIdAsync() => Task.FromResult(GrainContext.ActivationId.ToString());

    /// <inheritdoc/>
    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
