using System.Text.Json.Serialization;

namespace OrleansSessions.Gateway.Contracts;

/// <summary>RFC 7662's answer: whether the token is active, and whose it is when it is.</summary>
[method: JsonConstructor]
public sealed record IntrospectionResponse(
    bool Active,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sub = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sid = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Did = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Exp = null)
{
    public static readonly IntrospectionResponse Inactive = new(false);
}
