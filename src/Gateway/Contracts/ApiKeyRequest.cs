using OrleansSessions.Gateway.Problems;

namespace OrleansSessions.Gateway.Contracts;

/// <summary>A new API key's name: 1 to 100 characters, no control characters (unique per owner, case-insensitively).</summary>
public sealed record ApiKeyRequest(string? Name)
{
    public const int MaxNameLength = 100;

    public static string RequireName(ApiKeyRequest? request)
    {
        var name = Require.Field(Require.Body(request).Name, "name");
        Require.That(name.Length <= MaxNameLength, $"'name' is at most {MaxNameLength} characters.");
        Require.That(!name.Any(char.IsControl), "'name' has no control characters.");
        return name;
    }
}
