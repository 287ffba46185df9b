using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansSessions.Client;

/// <summary>Sends one request with a bearer credential and reads its JSON answer or its problem.</summary>
internal sealed class ApiConnection(HttpClient http)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async Task<T> SendAsync<T>(HttpMethod method, string path, string? bearer, object? body, CancellationToken cancellation)
    {
        using var response = await SendRawAsync(method, path, bearer, body, cancellation);
        return (await response.Content.ReadFromJsonAsync<T>(Json, cancellation))!;
    }

    public async Task SendAsync(HttpMethod method, string path, string? bearer, object? body, CancellationToken cancellation)
    {
        using var _ = await SendRawAsync(method, path, bearer, body, cancellation);
    }

    private async Task<HttpResponseMessage> SendRawAsync(
        HttpMethod method, string path, string? bearer, object? body, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        var response = await http.SendAsync(request, cancellation);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var problem = await ReadProblem(response, cancellation);
            throw new SessionsApiException(response.StatusCode, problem?.Code, problem?.Detail);
        }
    }

    private static async Task<Problem?> ReadProblem(HttpResponseMessage response, CancellationToken cancellation)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<Problem>(Json, cancellation);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Problem(string? Code, string? Detail);
}
