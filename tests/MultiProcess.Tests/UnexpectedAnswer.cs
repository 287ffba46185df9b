namespace OrleansSessions.MultiProcess.Tests;

/// <summary>
/// A request of the load that did not get its expected answer. <see cref="Refused"/>: the gateway answered with a
/// client error, contradicting an earlier acknowledged answer, which is a bug; otherwise it did not answer or could
/// not serve (a failure during the failover).
/// </summary>
public sealed class UnexpectedAnswer(string message, bool refused) : Exception(message)
{
    public bool Refused { get; } = refused;
}
