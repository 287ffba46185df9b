namespace OrleansSessions.Abstractions;

/// <summary>
/// A grain method a gateway never sends twice: when its silo is lost mid-call, the first attempt may have taken
/// effect, and a second one would then answer differently (a spent single-use token, a password already changed, a
/// session already ended by this very call). Every other method is safe to repeat: it reads, it sets a state that a
/// repeat leaves as it is, or it recognizes its own repeat (a registration, a login).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SingleAttemptAttribute : Attribute;
