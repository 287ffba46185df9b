// An expired access token is refreshed by realm-web without the app noticing, again and again with one refresh token.
import assert from "node:assert/strict";
import { Credentials, newApp, noteTokens, register, run } from "./realm.mjs";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

await run(async () => {
  const app = newApp();
  const account = await register(app);
  const user = await app.logIn(Credentials.emailPassword(account.email, account.password));
  const refreshToken = user.refreshToken;
  noteTokens(app);
  for (let round = 1; round <= 2; round++) {
    const expired = user.accessToken;
    await sleep(2500);
    await user.refreshProfile();
    noteTokens(app);
    assert.notEqual(user.accessToken, expired, `round ${round}: the expired access token was replaced`);
    assert.equal(user.refreshToken, refreshToken, `round ${round}: the refresh token stays`);
    assert.equal(user.profile.email, account.email);
    assert.ok(user.isLoggedIn);
  }
});
