// Two users on one client: register, log in, list, switch, custom data, log out, remove, link, delete.
import assert from "node:assert/strict";
import { admin, Credentials, deviceView, newApp, noteTokens, register, run } from "./realm.mjs";

await run(async () => {
  const app = newApp();
  const first = await register(app);
  const second = await register(app);

  const one = await app.logIn(Credentials.emailPassword(first.email, first.password));
  const two = await app.logIn(Credentials.emailPassword(second.email, second.password));
  noteTokens(app);
  assert.equal(app.currentUser.id, two.id, "the last login is the current user");
  assert.deepEqual(Object.keys(app.allUsers).sort(), [one.id, two.id].sort(), "allUsers lists both");
  assert.equal(one.profile.email, first.email, "the profile was fetched at login");
  assert.match(one.deviceId, /^[0-9a-f]{24}$/, "the access token names the device");
  assert.equal(two.deviceId, one.deviceId, "the second login reused the client's device");
  assert.deepEqual(await deviceView(one.deviceId), { active: two.id, states: { [one.id]: "inactive", [two.id]: "active" } });

  app.switchUser(one);
  assert.equal(app.currentUser.id, one.id, "switchUser makes the first user current");

  await admin("PUT", `/v1/admin/users/${one.id}/custom-data`, { plan: "gold", seats: 3 });
  assert.deepEqual(await one.refreshCustomData(), { plan: "gold", seats: 3 }, "refreshCustomData shows what the admin set");
  assert.equal(one.customData.plan, "gold");
  noteTokens(app);

  await two.logOut();
  assert.equal(two.state, "logged-out");
  assert.equal(app.currentUser.id, one.id);
  assert.equal(Object.keys(app.allUsers).length, 2, "a logged-out user stays listed");
  assert.equal((await deviceView(one.deviceId)).states[two.id], "loggedOut", "the server shows the log out");

  await app.removeUser(two);
  assert.deepEqual(Object.keys(app.allUsers), [one.id], "removeUser takes the user off the client");

  const anonymous = await app.logIn(Credentials.anonymous());
  noteTokens(app);
  assert.equal(anonymous.providerType, "anon-user");
  const third = await register(app);
  await anonymous.linkCredentials(Credentials.emailPassword(third.email, third.password));
  noteTokens(app);
  assert.deepEqual(anonymous.identities.map((i) => i.providerType).sort(), ["anon-user", "local-userpass"], "the link added an identity");
  const again = await app.logIn(Credentials.emailPassword(third.email, third.password));
  noteTokens(app);
  assert.equal(again.id, anonymous.id, "the linked credentials log in the former anonymous user");

  app.switchUser(one);
  await app.deleteUser(one);
  assert.ok(!(one.id in app.allUsers), "deleteUser takes the user off the client");
  const gone = await fetch(`${process.argv[2]}/v1/admin/users/${one.id}`, { headers: { Authorization: `Bearer ${process.argv[4]}` } });
  assert.equal(gone.status, 404, "the account is deleted on the server");
  await assert.rejects(app.logIn(Credentials.emailPassword(first.email, first.password)), (e) => e.errorCode === "InvalidPassword");
  await assert.rejects(app.emailPasswordAuth.registerUser(second), (e) => e.errorCode === "AccountNameInUse");
});
