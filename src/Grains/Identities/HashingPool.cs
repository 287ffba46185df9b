namespace OrleansSessions.Grains.Identities;

/// <summary>
/// Where password hashes are computed: off the grains' scheduler and off the .NET thread pool, on threads of their
/// own, at most one per core at once. A grain awaits its hash (its activation stays single-threaded), the thread pool
/// stays free for every other request, and a flood of logins queues here instead of starving the silo.
/// </summary>
public sealed class HashingPool
{
    private readonly SemaphoreSlim _slots = new(Environment.ProcessorCount);

    public async Task<T> Run<T>(Func<T> work)
    {
        await _slots.WaitAsync().ConfigureAwait(false);
        try
        {
            return await Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                .ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }
}
