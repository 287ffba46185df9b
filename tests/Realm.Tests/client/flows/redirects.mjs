// realm-web's redirect (popup) logins and link: Credentials.google({ redirectUrl }) and Credentials.apple(url) through
// the OpenID Provider stand-in (form_post), then user.linkCredentials(Credentials.facebook(url)) through the fake
// Facebook dialog. Under Node there is no window: the environment's openWindow plays the popup (it follows the
// redirects as a browser would, adding the stand-ins' test-only login_hint, and posts the provider's form), and the app
// page's handleAuthRedirect() (which realm-web only runs in a browser) is played by storing the fragment's result where
// realm-web's OAuth2Helper.handleRedirect stores it. Everything realm-web sends and reads is its own.
import assert from "node:assert/strict";
import Realm from "realm-web";
import { Credentials, newApp, noteTokens, run } from "./realm.mjs";

const [subject, appPage, facebookUserId] = process.argv.slice(5);
const resultNames = { _baas_client_app_id: "appId", _baas_ua: "userAuth", _baas_link: "link", _baas_error: "error", _baas_state: "state" };

/** The popup: from the URL realm-web opens to the app page the service sends it back to; that page's fragment. */
async function popup(url, loginHint) {
  const cookies = new Map();
  // The stand-ins sign in, without a form, the user their test-only login_hint names.
  const hinted = (address) => {
    const target = new URL(address);
    if (/\/(auth|dialog\/oauth)$/.test(target.pathname)) target.searchParams.set("login_hint", loginHint);
    return target.toString();
  };
  let next = hinted(url);
  for (let step = 0; step < 12; step++) {
    const request = typeof next === "string" ? { url: next } : next;
    const response = await fetch(request.url, {
      method: request.body ? "POST" : "GET",
      body: request.body,
      redirect: "manual",
      headers: { Cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join("; ") },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      cookies.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
    }
    const location = response.headers.get("location");
    if (location?.startsWith(`${appPage}#`)) return location.slice(appPage.length + 1);
    if (location) {
      next = hinted(new URL(location, request.url).toString());
      continue;
    }
    const html = await response.text();
    const form = html.match(/<form method="post" action="([^"]+)"/);
    assert.ok(form, `the popup stopped at ${request.url}: ${response.status} ${html}`);
    const fields = [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map(([, name, value]) => [name, value]);
    next = { url: form[1], body: new URLSearchParams(fields) };
  }
  assert.fail("the popup did not come back to the app page");
}

/** What the app page's Realm.handleAuthRedirect() does with the fragment (OAuth2Helper.handleRedirect). */
function handleAuthRedirect(fragment) {
  const params = Object.fromEntries(fragment.split("&").map((pair) => pair.split("=")).map(([k, v]) => [k, decodeURIComponent(v)]));
  const result = Object.fromEntries(Object.entries(resultNames).filter(([p]) => params[p]).map(([p, r]) => [r, params[p]]));
  Realm.getEnvironment().defaultStorage.prefix("oauth2").prefix(`state(${result.state})`).set("result", JSON.stringify(result));
}

// The windows realm-web opens sign in <loginHint>. Set before the app is made: realm-web reads openWindow then.
let loginHint = subject;
Realm.setEnvironment({
  ...Realm.getEnvironment(),
  openWindow: (url) => {
    const window = { closed: false, close: () => (window.closed = true) };
    popup(url, loginHint).then(handleAuthRedirect, (error) => {
      console.error(error);
      window.closed = true;
    });
    return window;
  },
});

await run(async () => {
  const app = newApp();
  const google = await app.logIn(Credentials.google({ redirectUrl: appPage }));
  noteTokens(app);
  assert.deepEqual(google.identities.map((i) => [i.providerType, i.id]), [["oauth2-google", subject]]);
  assert.equal(google.profile.name, `${subject} Example`);

  const apple = await app.logIn(Credentials.apple(appPage));
  noteTokens(app);
  assert.deepEqual(apple.identities.map((i) => i.providerType), ["oauth2-apple"]);
  assert.equal(apple.deviceId, google.deviceId, "the second login names the device of the first");

  loginHint = facebookUserId;
  await google.linkCredentials(Credentials.facebook(appPage));
  noteTokens(app);
  assert.deepEqual(google.identities.map((i) => i.providerType).sort(), ["oauth2-facebook", "oauth2-google"]);
  assert.equal(google.profile.name, `${facebookUserId} Facebook`, "the latest provider's metadata");
});
