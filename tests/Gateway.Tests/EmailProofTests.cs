using System.Net;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>
/// Pre-account hijacking, confirmation off (the default): someone registers another's email and plants an identity
/// of their own in the account; the mailbox owner's password reset leaves them alone in it.
/// </summary>
[Collection(CustomTokenGatewayCollection.Name)]
public sealed class EmailProofTests(CustomTokenGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task A_reset_by_mail_removes_the_identity_a_squatter_linked_and_ends_the_squatters_sessions()
    {
        var victimEmail = NewEmail();
        var squatted = await _api.Register(victimEmail);
        var squatterDevice = await _api.NewDevice();
        var squatter = await _api.LogIn(squatterDevice, squatted);
        var planted = new { provider = "custom-token", token = gateway.Token($"squatter-{Guid.NewGuid():N}") };
        await Json(await _api.Link(squatter.AccessToken, planted));

        await _api.SendPasswordReset(victimEmail);
        var ownersPassword = NewPassword();
        await NoContent(await _api.ResetPassword(await gateway.Emails.ResetTokenOf(victimEmail), ownersPassword));

        var owner = await _api.LogIn(await _api.NewDevice(), Password(victimEmail, ownersPassword));
        Assert.Equal(squatted.UserId, owner.UserId);
        var identities = (await _api.ProfileOf(owner.AccessToken)).GetProperty("identities").EnumerateArray();
        Assert.Equal(["local-userpass"], identities.Select(i => i.GetProperty("providerType").GetString()));
        await Problem(await _api.Profile(squatter.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        var again = await _api.LogIn(await _api.NewDevice(), planted);
        Assert.NotEqual(owner.UserId, again.UserId);
    }
}
