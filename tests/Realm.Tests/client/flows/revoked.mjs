// After an admin revokes the user's sessions, the client's next call fails and the user is logged out client-side,
// as it is in the server's view of the device.
import assert from "node:assert/strict";
import { admin, Credentials, deviceView, newApp, noteTokens, register, run } from "./realm.mjs";

await run(async () => {
  const app = newApp();
  const account = await register(app);
  const user = await app.logIn(Credentials.emailPassword(account.email, account.password));
  const deviceId = user.deviceId;
  noteTokens(app);
  assert.deepEqual(await deviceView(deviceId), { active: user.id, states: { [user.id]: "active" } });

  await admin("POST", `/v1/admin/users/${user.id}/revoke-sessions`);

  await assert.rejects(user.refreshProfile(), (e) => e.statusCode === 401 && e.errorCode === "InvalidSession");
  assert.equal(user.isLoggedIn, false, "the client logged the user out");
  assert.equal(user.state, "logged-out");
  assert.equal(app.currentUser, null);
  assert.deepEqual(await deviceView(deviceId), { active: null, states: { [user.id]: "loggedOut" } });

  const back = await app.logIn(Credentials.emailPassword(account.email, account.password));
  noteTokens(app);
  assert.equal(back.id, user.id, "the user can log in again");
  assert.equal(back.deviceId, deviceId, "on the same device");
});
