using System.Text.Json;

namespace OrleansSessions.Gateway.Problems;

/// <summary>
/// Whether every string and property name of a JSON value is Unicode text: no invalid UTF-8 and no lone surrogate
/// (<c>"\ud800"</c>, which JSON's escapes allow). Such a value, once kept, would fail every later read of it, so the
/// routes that keep or read raw JSON (custom data, a Realm login's body) refuse it first.
/// </summary>
public static class JsonText
{
    /// <summary>Refuses, with a 400 <c>validation-failed</c>, a value that is not Unicode text.</summary>
    public static void Require(JsonElement json, string what) =>
        Problems.Require.That(IsText(json), $"{what} must be Unicode text: no invalid UTF-8, no lone surrogate.");

    public static bool IsText(JsonElement json)
    {
        try
        {
            return Walk(json);
        }
        catch (InvalidOperationException)
        {
            return false; // invalid UTF-8: System.Text.Json cannot transcode it
        }
    }

    private static bool Walk(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Object => json.EnumerateObject().All(property => IsText(property.Name) && Walk(property.Value)),
        JsonValueKind.Array => json.EnumerateArray().All(Walk),
        JsonValueKind.String => IsText(json.GetString()!),
        _ => true,
    };

    private static bool IsText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
