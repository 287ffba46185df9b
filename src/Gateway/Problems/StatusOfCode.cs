namespace OrleansSessions.Gateway.Problems;

/// <summary>
/// Route metadata giving an error code another status on this route than its usual one (API.md): a bad token in
/// a body is a bad request (400 <c>invalid-token</c>), where as a bearer it is 401; a pending user is a conflict on
/// disable (409 <c>user-pending</c>), where on login it is 401.
/// </summary>
public sealed record StatusOfCode(string Code, int Status);
