namespace OrleansSessions.Abstractions.Users;

/// <summary>The actions a user's audit trail records, and who may have done them.</summary>
public static class AuditActions
{
    public const string Login = "login";
    public const string LoginFailed = "login-failed";
    public const string Logout = "logout";
    public const string Switch = "switch";
    public const string Remove = "remove";
    public const string RefreshTokenReuse = "refresh-token-reuse";
    public const string Revoke = "revoke";
    public const string Disable = "disable";
    public const string Enable = "enable";
    public const string Delete = "delete";
    public const string Link = "link";
    public const string Unlink = "unlink";
    public const string Confirm = "confirm";
    public const string PasswordReset = "password-reset";
    public const string PasswordChange = "password-change";

    public const string ByUser = "user";
    public const string ByDevice = "device";
    public const string ByAdmin = "admin";
    public const string BySystem = "system";
}
