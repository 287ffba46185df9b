using System.Net;
using System.Text;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>
/// Emails are one account whatever their Unicode normalization form, and refused when they hide characters;
/// passwords are measured in Unicode scalar values.
/// </summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class UnicodeInputTests(DefaultGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task An_email_in_another_normalization_form_names_the_same_account()
    {
        var local = $"jos\u0065\u0301-{Guid.NewGuid():N}"; // "é" as e + combining acute accent (NFD)
        var account = await _api.Register($"{local}@example.com");

        var composed = local.Normalize(NormalizationForm.FormC) + "@example.com";
        var login = await _api.LogIn(await _api.NewDevice(), Password(composed, account.Password));

        Assert.Equal(account.UserId, login.UserId);
        await Problem(await _api.TryRegister(composed, NewPassword()), HttpStatusCode.Conflict, "account-name-in-use");
    }

    [Theory]
    [InlineData("\u200b")] // zero-width space
    [InlineData("\u200d")] // zero-width joiner
    [InlineData("\u202e")] // right-to-left override
    [InlineData("\u2067")] // right-to-left isolate
    [InlineData("\ufeff")] // byte order mark
    [InlineData("\u0007")] // bell, a control
    public async Task An_email_hiding_a_character_is_refused(string hidden)
    {
        var email = $"ana{hidden}-{Guid.NewGuid():N}@example.com";

        await Problem(await _api.TryRegister(email, NewPassword()), HttpStatusCode.BadRequest, "invalid-email");
        await Problem(await _api.TryLogIn(await _api.NewDevice(), Password(email, NewPassword())), HttpStatusCode.BadRequest, "validation-failed");
        await Problem(await _api.SendPasswordReset(email), HttpStatusCode.BadRequest, "invalid-email");
    }

    [Fact]
    public async Task A_password_is_measured_in_unicode_scalar_values()
    {
        var hundredEmoji = string.Concat(Enumerable.Repeat("\U0001F511", 100)); // 100 characters, 200 UTF-16 units
        var fiveEmoji = string.Concat(Enumerable.Repeat("\U0001F511", 5)); // 5 characters, 10 UTF-16 units
        gateway.NoteSecret(hundredEmoji);

        var account = await _api.Register(password: hundredEmoji);
        await _api.LogIn(await _api.NewDevice(), account);
        await Problem(await _api.TryRegister(NewEmail(), fiveEmoji), HttpStatusCode.BadRequest, "invalid-password");
    }
}
