using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace OrleansSessions.MultiProcess.Tests;

/// <summary>
/// Checks what the load was told against what the cluster now says: every live session's access token works; no
/// token of an ended session works (401, its refresh token too); every device lists its live users logged in and
/// its ended ones loggedOut, with at most one active user, and never an ended one. A check that gets no answer, or a
/// 5xx, is repeated until <c>patience</c> runs out (the cluster may still be settling); a wrong answer is never
/// repeated: it is a problem at once.
/// </summary>
public sealed class AcknowledgedState(IReadOnlyList<TrackedDevice> devices)
{
    public sealed record Result(IReadOnlyList<string> Problems, IReadOnlyDictionary<string, string> SettledDeviceLists, int Checks);

    public async Task<Result> Check(IReadOnlyList<GatewayClient> gateways, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        var problems = new ConcurrentQueue<string>();
        var lists = new ConcurrentDictionary<string, string>();
        var checks = 0;
        var indexed = devices.Select((device, index) => (device, gateway: gateways[index % gateways.Count]));
        await Parallel.ForEachAsync(indexed, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, _) =>
        {
            var (device, gateway) = item;
            TrackedSession[] sessions;
            lock (device.Sessions)
            {
                sessions = [.. device.Sessions];
            }

            async Task<(HttpStatusCode Status, JsonNode? Body)> Ask(HttpMethod method, string path, string? bearer)
            {
                Interlocked.Increment(ref checks);
                while (true)
                {
                    var (status, body) = await gateway.Ask(method, path, bearer);
                    if (status is { } answered)
                    {
                        return (answered, body);
                    }

                    if (DateTime.UtcNow > deadline)
                    {
                        return (HttpStatusCode.ServiceUnavailable, null); // never answered within the patience
                    }

                    await Task.Delay(500);
                }
            }

            var (listed, list) = await Ask(HttpMethod.Get, $"/v1/devices/{device.Id}/users", device.Token);
            if (listed != HttpStatusCode.OK || list is null)
            {
                problems.Enqueue($"device {device.Id}: its user list answers {(int)listed}");
            }
            else
            {
                var activeUserId = (string?)list["activeUserId"];
                var states = list["users"]!.AsArray().Select(user => ((string)user!["userId"]!, (string)user["state"]!)).ToList();
                var stateOf = states.ToDictionary(user => user.Item1, user => user.Item2);
                foreach (var session in sessions)
                {
                    var state = stateOf.GetValueOrDefault(session.UserId, "not listed");
                    if (session.Fate == SessionFate.Live && state is not ("active" or "inactive"))
                    {
                        problems.Enqueue($"live session of {session}: the device lists it {state}");
                    }
                    else if (session.Fate == SessionFate.Ended && state != "loggedOut")
                    {
                        problems.Enqueue($"ended session of {session}: the device lists it {state}");
                    }
                }

                var active = states.Where(user => user.Item2 == "active").Select(user => user.Item1).ToList();
                if (active.Count > 1 || (activeUserId is null ? active.Count != 0 : active.SingleOrDefault() != activeUserId))
                {
                    problems.Enqueue($"device {device.Id}: active user {activeUserId ?? "none"} but listed active: {string.Join(", ", active)}");
                }

                if (device.Settled)
                {
                    lists[device.Id] = $"active {activeUserId ?? "none"}: {string.Join(", ", states.Select(user => $"{user.Item1} {user.Item2}"))}";
                }
            }

            foreach (var session in sessions)
            {
                if (session.Fate == SessionFate.Live)
                {
                    var (profile, _) = await Ask(HttpMethod.Get, "/v1/auth/profile", session.AccessToken);
                    if (profile != HttpStatusCode.OK)
                    {
                        problems.Enqueue($"live session of {session}: its profile answers {(int)profile}");
                    }
                }
                else if (session.Fate == SessionFate.Ended)
                {
                    var (profile, _) = await Ask(HttpMethod.Get, "/v1/auth/profile", session.AccessToken);
                    if (profile != HttpStatusCode.Unauthorized)
                    {
                        problems.Enqueue($"ended session of {session}: its access token answers {(int)profile}");
                    }

                    if (session.RefreshToken is { } refreshToken)
                    {
                        var (refresh, _) = await Ask(HttpMethod.Post, "/v1/auth/session", refreshToken);
                        if (refresh != HttpStatusCode.Unauthorized)
                        {
                            problems.Enqueue($"ended session of {session}: its refresh token answers {(int)refresh}");
                        }
                    }
                }
            }
        });
        return new Result([.. problems], lists, checks);
    }
}
