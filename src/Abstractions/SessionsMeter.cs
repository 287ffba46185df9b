namespace OrleansSessions.Abstractions;

/// <summary>The name of the service's own meter, which the grains and the gateway each record on.</summary>
public static class SessionsMeter
{
    public const string Name = "OrleansSessions";
}
