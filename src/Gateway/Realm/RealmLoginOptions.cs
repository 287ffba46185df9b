namespace OrleansSessions.Gateway.Realm;

/// <summary>The <c>options</c> of a Realm login body.</summary>
public sealed record RealmLoginOptions(RealmDevice? Device);
