using OrleansSessions.Abstractions;

namespace OrleansSessions.Gateway.Problems;

/// <summary>Describes in the OpenAPI document which error codes a route answers with, and under which status.</summary>
public static class RouteErrors
{
    /// <summary>Adds a problem response for each status of <paramref name="codes"/> and lists the codes.</summary>
    public static RouteHandlerBuilder Refuses(this RouteHandlerBuilder route, params string[] codes) => route.Refuses(codes, []);

    /// <summary>
    /// As <see cref="Refuses(RouteHandlerBuilder, string[])"/>, with some codes answered under another status on this
    /// route than their usual one (<see cref="StatusOfCode"/>): the problem handler and the document agree.
    /// </summary>
    public static RouteHandlerBuilder Refuses(this RouteHandlerBuilder route, string[] codes, StatusOfCode[] overrides)
    {
        foreach (var statusOfCode in overrides)
        {
            route.WithMetadata(statusOfCode);
        }

        var statuses = codes.Concat(overrides.Select(o => o.Code)).Distinct()
            .Select(code => (Code: code, Status: overrides.FirstOrDefault(o => o.Code == code)?.Status ?? ErrorStatus.Of(code)))
            .ToList();
        foreach (var status in statuses.Select(s => s.Status).Distinct())
        {
            route.ProducesProblem(status);
        }

        var listed = string.Join(", ", statuses.Select(s => $"`{s.Code}` ({s.Status})"));
        return route.WithDescription($"Errors (problem+json, with `code`): {listed}.");
    }

    /// <summary>The codes every route with a JSON body may answer with.</summary>
    public static readonly string[] BadBody = [ErrorCodes.ValidationFailed, ErrorCodes.PayloadTooLarge, ErrorCodes.UnsupportedMediaType];
}
