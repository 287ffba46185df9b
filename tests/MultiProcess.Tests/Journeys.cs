using System.Collections.Concurrent;
using System.Net;

namespace OrleansSessions.MultiProcess.Tests;

/// <summary>
/// The load: workers that each run one user journey after another through both gateways, and keep what was
/// acknowledged. A journey registers two devices and two users, logs both users in on both devices, switches,
/// refreshes, reads, then ends sessions one of three ways (a device logout, an admin revoke, a user's logout of its
/// own session). A journey stops at its first failed request, so every step builds on acknowledged ones only.
/// </summary>
public sealed class Journeys(GatewayClient home, GatewayClient other, string adminKey)
{
    private const string Password = "correct horse battery";
    private int _journeys;
    private int _completed;
    private int _readsOfWrites;

    public ConcurrentQueue<TrackedDevice> Devices { get; } = new();

    /// <summary>Client errors where the acknowledged state says success: each is a bug.</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    /// <summary>Acknowledged logins that the device's user list, read right after, did not show: each is a bug.</summary>
    public ConcurrentQueue<string> Invisible { get; } = new();

    /// <summary>How many acknowledged logins were looked for in their device's list right after.</summary>
    public int ReadsOfWrites => _readsOfWrites;

    public int Completed => _completed;

    public async Task Run(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var devices = new List<TrackedDevice>();
            try
            {
                await Journey(Interlocked.Increment(ref _journeys), devices, stop);
                Interlocked.Increment(ref _completed);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The load is over; the journey stopped between two acknowledged steps.
            }
            catch (UnexpectedAnswer failure)
            {
                devices.ForEach(device => device.Settled = false);
                if (failure.Refused)
                {
                    Refusals.Enqueue(failure.Message);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            }
        }
    }

    private async Task Journey(int journey, List<TrackedDevice> devices, CancellationToken stop)
    {
        var a = await NewDevice(home, devices, stop);
        var b = await NewDevice(other, devices, stop);
        var ana = await Register(home, stop);
        var ben = await Register(other, stop);
        var anaOnA = await Login(home, a, ana, stop);
        var benOnA = await Login(home, a, ben, stop);
        var anaOnB = await Login(other, b, ana, stop);
        var benOnB = await Login(other, b, ben, stop);
        await ExpectListed(other, a, anaOnA, benOnA);
        await ExpectListed(home, b, anaOnB, benOnB);

        // Rounds of cheap requests: switch device A between its users without logging in (the answer carries the
        // new active user's access token), refresh a session through the other gateway (the refresh token may rotate),
        // and read a device's users and a profile.
        for (var round = 0; round < 4; round++)
        {
            stop.ThrowIfCancellationRequested();
            var target = round % 2 == 0 ? anaOnA : benOnA;
            var switched = await home.Expect(
                HttpStatusCode.OK, HttpMethod.Put, $"/v1/devices/{a.Id}/active-user", a.Token, new { userId = target.UserId });
            target.AccessToken = (string)switched["accessToken"]!;
            await Refresh(other, round % 2 == 0 ? benOnA : anaOnB);
            await other.Expect(HttpStatusCode.OK, HttpMethod.Get, $"/v1/devices/{b.Id}/users", b.Token);
            await home.Expect(HttpStatusCode.OK, HttpMethod.Get, "/v1/auth/profile", (round % 2 == 0 ? anaOnB : benOnA).AccessToken);
        }

        stop.ThrowIfCancellationRequested();
        switch (journey % 3)
        {
            case 0:
                await End([benOnA], () => home.Expect(
                    HttpStatusCode.NoContent, HttpMethod.Post, $"/v1/devices/{a.Id}/users/{benOnA.UserId}/logout", a.Token));
                break;
            case 1:
                await End([anaOnA, anaOnB], () => other.Expect(
                    HttpStatusCode.NoContent, HttpMethod.Post, $"/v1/admin/users/{anaOnA.UserId}/revoke-sessions", adminKey));
                break;
            default:
                await End([benOnB], () => home.Expect(HttpStatusCode.NoContent, HttpMethod.Delete, "/v1/auth/session", benOnB.RefreshToken));
                break;
        }
    }

    /// <summary>
    /// Reads the device's users through the other gateway right after its logins were acknowledged: every one of
    /// them must be listed logged in (a login answers 200 only once its device shows it).
    /// </summary>
    private async Task ExpectListed(GatewayClient gateway, TrackedDevice device, params TrackedSession[] sessions)
    {
        var list = await gateway.Expect(HttpStatusCode.OK, HttpMethod.Get, $"/v1/devices/{device.Id}/users", device.Token);
        var states = list["users"]!.AsArray().ToDictionary(user => (string)user!["userId"]!, user => (string)user!["state"]!);
        foreach (var session in sessions)
        {
            Interlocked.Increment(ref _readsOfWrites);
            if (states.GetValueOrDefault(session.UserId, "not listed") is not ("active" or "inactive") and var state)
            {
                Invisible.Enqueue($"acknowledged login of {session}: the device listed it {state} right after");
            }
        }
    }

    private static async Task Refresh(GatewayClient gateway, TrackedSession session)
    {
        var refreshToken = session.RefreshToken!;
        session.RefreshToken = null;
        var refreshed = await gateway.Expect(HttpStatusCode.OK, HttpMethod.Post, "/v1/auth/session", refreshToken);
        session.AccessToken = (string)refreshed["accessToken"]!;
        session.RefreshToken = (string?)refreshed["refreshToken"] ?? refreshToken;
    }

    private static async Task End(TrackedSession[] sessions, Func<Task> request)
    {
        Array.ForEach(sessions, session => session.Fate = SessionFate.MaybeEnded);
        await request();
        Array.ForEach(sessions, session => session.Fate = SessionFate.Ended);
    }

    private async Task<TrackedDevice> NewDevice(GatewayClient gateway, List<TrackedDevice> devices, CancellationToken stop)
    {
        stop.ThrowIfCancellationRequested();
        var registered = await gateway.Expect(HttpStatusCode.Created, HttpMethod.Post, "/v1/devices", body: new { name = "load" });
        var device = new TrackedDevice((string)registered["deviceId"]!, (string)registered["deviceToken"]!);
        devices.Add(device);
        Devices.Enqueue(device);
        return device;
    }

    private static async Task<string> Register(GatewayClient gateway, CancellationToken stop)
    {
        stop.ThrowIfCancellationRequested();
        var email = $"u-{Guid.NewGuid():N}@example.com";
        await gateway.Expect(
            HttpStatusCode.Created, HttpMethod.Post, "/v1/auth/providers/local-userpass/register", body: new { email, password = Password });
        return email;
    }

    private static async Task<TrackedSession> Login(GatewayClient gateway, TrackedDevice device, string email, CancellationToken stop)
    {
        stop.ThrowIfCancellationRequested();
        var login = await gateway.Expect(
            HttpStatusCode.OK, HttpMethod.Post, $"/v1/devices/{device.Id}/login", device.Token,
            new { provider = "local-userpass", email, password = Password });
        var session = new TrackedSession(
            (string)login["userId"]!, device, (string)login["accessToken"]!, (string)login["refreshToken"]!);
        lock (device.Sessions)
        {
            device.Sessions.Add(session);
        }

        return session;
    }
}
