namespace OrleansSessions.Gateway.Problems;

/// <summary>
/// Marks a route whose token comes in the body (confirm, reset): there a bad token is a bad request (400
/// <c>invalid-token</c>), where as a bearer credential it is 401 (API.md).
/// </summary>
public sealed class TokenInBody
{
    public static readonly TokenInBody Instance = new();

    private TokenInBody()
    {
    }
}
