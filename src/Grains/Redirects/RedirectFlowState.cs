using OrleansSessions.Abstractions.Redirects;

namespace OrleansSessions.Grains.Redirects;

/// <summary>The persisted state of a redirect flow: the flow while it waits for the provider's return.</summary>
[GenerateSerializer, Alias("OrleansSessions.RedirectFlowState")]
public sealed class RedirectFlowState
{
    [Id(0)] public RedirectFlow? Flow { get; set; }
}
