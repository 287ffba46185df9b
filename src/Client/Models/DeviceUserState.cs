namespace OrleansSessions.Client.Models;

public enum DeviceUserState
{
    Active,
    Inactive,
    LoggedOut,
}
