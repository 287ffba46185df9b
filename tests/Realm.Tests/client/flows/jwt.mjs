// Two logins with tokens of a trusted issuer for one subject: one user, its custom data copied from the token's claims.
import assert from "node:assert/strict";
import { Credentials, newApp, noteTokens, run } from "./realm.mjs";

const [first, second] = process.argv.slice(5);

await run(async () => {
  const app = newApp();
  const user = await app.logIn(Credentials.jwt(first));
  noteTokens(app);
  assert.equal(user.providerType, "custom-token");
  assert.deepEqual(user.identities.map((i) => i.providerType), ["custom-token"]);
  assert.equal(user.customData.name, "Ana", "the issuer's claim is in the custom data");
  await user.logOut();

  const again = await app.logIn(Credentials.jwt(second));
  noteTokens(app);
  assert.equal(again.id, user.id, "the same subject is the same user");
  assert.equal(again.deviceId, user.deviceId, "on the same device");
});
