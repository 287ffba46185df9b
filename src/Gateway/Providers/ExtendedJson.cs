using System.Globalization;
using System.Text.Json.Nodes;

namespace OrleansSessions.Gateway.Providers;

/// <summary>
/// A Realm client's Extended JSON numbers (<c>{"$numberInt": "7"}</c>, <c>$numberLong</c>, <c>$numberDouble</c>,
/// <c>$numberDecimal</c>) as the plain JSON numbers a webhook expects.
/// </summary>
public static class ExtendedJson
{
    private static readonly string[] NumberWrappers = ["$numberInt", "$numberLong", "$numberDouble", "$numberDecimal"];

    public static JsonNode WithPlainNumbers(JsonNode node) => node switch
    {
        JsonObject { Count: 1 } wrapper when PlainNumber(wrapper) is { } number => number,
        JsonObject json => new JsonObject(json.Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : WithPlainNumbers(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(item => item is null ? null : WithPlainNumbers(item))]),
        _ => node.DeepClone(),
    };

    private static JsonNode? PlainNumber(JsonObject wrapper)
    {
        var (name, value) = wrapper.First();
        return NumberWrappers.Contains(name) && value is JsonValue text && text.TryGetValue<string>(out var digits)
            && decimal.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? JsonValue.Create(number)
            : null;
    }
}
