namespace OrleansSessions.Gateway.Email;

/// <summary>An email that can never be delivered as it is (its recipient refused by the server, say).</summary>
public sealed class PermanentEmailFailure(string message, Exception? inner = null) : Exception(message, inner);
