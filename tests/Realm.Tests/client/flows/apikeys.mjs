// user.apiKeys (create, fetchAll, fetch, disable, enable, delete) and Credentials.apiKey, for a user key on a second
// client of the user's, and for a server key.
import assert from "node:assert/strict";
import Realm from "realm-web";
import { admin, appId, baseUrl, Credentials, newApp, noteSecret, noteTokens, register, run } from "./realm.mjs";

/** Another client of the app with storage of its own (realm-web's in-memory kind), so another device. */
const otherClient = () =>
  new Realm.App({ id: appId, baseUrl, storage: new (Realm.getEnvironment().defaultStorage.constructor)() });

await run(async () => {
  const app = newApp();
  const account = await register(app);
  const user = await app.logIn(Credentials.emailPassword(account.email, account.password));
  noteTokens(app);

  const created = await user.apiKeys.create("laptop");
  noteSecret(created.key);
  assert.deepEqual(Object.keys(created).sort(), ["_id", "disabled", "key", "name"]);
  assert.match(created.key, /^[A-Za-z0-9]{64}$/);
  const id = created._id;
  const listed = { _id: id, name: "laptop", disabled: false };
  assert.deepEqual(await user.apiKeys.fetchAll(), [listed]);
  assert.deepEqual(await user.apiKeys.fetch(id), listed);

  await user.apiKeys.disable(id);
  assert.equal((await user.apiKeys.fetch(id)).disabled, true);
  const laptop = otherClient();
  await assert.rejects(laptop.logIn(Credentials.apiKey(created.key)), (e) => e.statusCode === 401 && e.errorCode === "AuthError");
  await user.apiKeys.enable(id);

  const keyUser = await laptop.logIn(Credentials.apiKey(created.key));
  noteTokens(laptop);
  assert.equal(keyUser.id, user.id, "the key logs its owner in");
  assert.equal(keyUser.providerType, "api-key");
  assert.notEqual(keyUser.deviceId, user.deviceId, "on the other client's device");
  assert.deepEqual(await keyUser.apiKeys.fetchAll(), [listed], "the key's session manages the same keys");
  await assert.rejects(keyUser.apiKeys.delete(id), (e) => e.statusCode === 403 && e.errorCode === "AuthError");

  await user.apiKeys.delete(id);
  assert.deepEqual(await user.apiKeys.fetchAll(), []);
  await assert.rejects(user.apiKeys.fetch(id), (e) => e.statusCode === 404 && e.errorCode === "APIKeyNotFound");
  await assert.rejects(keyUser.refreshProfile(), (e) => e.statusCode === 401 && e.errorCode === "InvalidSession");
  assert.equal(keyUser.isLoggedIn, false, "the key's session ended with the key");
  assert.equal(user.isLoggedIn, true, "the password session goes on");

  const server = await admin("POST", "/v1/admin/api-keys", { name: `realm-web ${crypto.randomUUID()}` });
  noteSecret(server.key);
  const serverClient = otherClient();
  const serverUser = await serverClient.logIn(Credentials.apiKey(server.key));
  noteTokens(serverClient);
  assert.equal(serverUser.id, server.userId, "a server key logs in its server user");
  await admin("DELETE", `/v1/admin/api-keys/${server.id}`);
});
