using System.Net;

namespace OrleansSessions.Client;

/// <summary>A problem answer of the API: its status, its stable <c>code</c> (API.md) and its detail.</summary>
public sealed class SessionsApiException(HttpStatusCode status, string? code, string? detail)
    : Exception($"{(int)status} {code}: {detail}")
{
    public HttpStatusCode Status { get; } = status;

    public string? Code { get; } = code;
}
