// Logins with Google (an ID token, then a code for the same subject), Apple, Facebook and a custom function; a Google
// link to an anonymous user; a function's refusal. The profile's data carries what the providers said.
import assert from "node:assert/strict";
import { Credentials, newApp, noteTokens, run } from "./realm.mjs";

const [subject, googleIdToken, googleCode, appleIdToken, facebookToken, linkIdToken] = process.argv.slice(5);

await run(async () => {
  const app = newApp();
  const google = await app.logIn(Credentials.google({ idToken: googleIdToken }));
  noteTokens(app);
  assert.equal(google.providerType, "oauth2-google");
  assert.equal(google.profile.name, `${subject} Example`, "the provider's name is in the profile's data");
  assert.equal(google.profile.firstName, subject);

  const byCode = await app.logIn(Credentials.google({ authCode: googleCode }));
  noteTokens(app);
  assert.equal(byCode.id, google.id, "a code of the same subject is the same user");

  const apple = await app.logIn(Credentials.apple(appleIdToken));
  noteTokens(app);
  assert.deepEqual(apple.identities.map((i) => i.providerType), ["oauth2-apple"]);
  assert.notEqual(apple.id, google.id, "the same person's identities are one user only by a link");

  const facebook = await app.logIn(Credentials.facebook(facebookToken));
  noteTokens(app);
  assert.deepEqual(facebook.identities.map((i) => i.providerType), ["oauth2-facebook"]);

  const fn = await app.logIn(Credentials.function({ user: "realm-fn-user", pin: 7 }));
  noteTokens(app);
  assert.deepEqual(fn.identities.map((i) => i.providerType), ["custom-function"]);
  await assert.rejects(app.logIn(Credentials.function({ refuse: "unknown PIN" })), (error) =>
    error.statusCode === 401 && error.message.includes("error executing auth function: unknown PIN"));

  const anonymous = await app.logIn(Credentials.anonymous());
  noteTokens(app);
  await anonymous.linkCredentials(Credentials.google({ idToken: linkIdToken }));
  noteTokens(app);
  assert.deepEqual(anonymous.identities.map((i) => i.providerType).sort(), ["anon-user", "oauth2-google"]);
});
