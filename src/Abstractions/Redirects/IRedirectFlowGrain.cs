namespace OrleansSessions.Abstractions.Redirects;

/// <summary>
/// One redirect flow (key: the hex SHA-256 of the random <c>state</c> the provider carries, so the state itself is no
/// grain id in any log). Single use: the first <see cref="Take"/> gets the flow and ends it.
/// </summary>
[Alias("OrleansSessions.IRedirectFlowGrain")]
public interface IRedirectFlowGrain : IGrainWithStringKey
{
    /// <summary>Keeps the flow until it is taken or its <see cref="RedirectFlow.ExpiresAt"/> passes.</summary>
    [Alias("Start")]
    Task Start(RedirectFlow flow);

    /// <summary>The flow, once: none when it was taken already, expired or never started.</summary>
    [Alias("Take")]
    Task<RedirectFlow?> Take();
}
