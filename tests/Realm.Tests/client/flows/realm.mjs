// What every flow shares: the app under test, the admin API of the gateway, and the secrets to look for in its log.
import assert from "node:assert/strict";
import Realm from "realm-web";

export const [baseUrl, appId, adminKey] = process.argv.slice(2);
assert.ok(baseUrl && appId && adminKey, "usage: node flows/<flow>.mjs <baseUrl> <appId> <adminKey>");

/** A realm-web app pointed at the gateway, as an app coming from Realm would configure it. */
export const newApp = () => new Realm.App({ id: appId, baseUrl });

export const { Credentials } = Realm;

/** Prints a secret for the test to look for in the gateway's log (never for the gateway to see as a log line). */
export const noteSecret = (secret) => {
  if (secret) console.log(`secret: ${secret}`);
};

/** Notes the tokens every user of the app holds now. */
export const noteTokens = (app) => {
  for (const user of Object.values(app.allUsers)) {
    noteSecret(user.accessToken);
    noteSecret(user.refreshToken);
  }
};

/** A new email/password account, registered through realm-web. */
export async function register(app) {
  const email = `realm-web-${crypto.randomUUID()}@example.com`;
  const password = `pw-${crypto.randomUUID()}`;
  noteSecret(password);
  await app.emailPasswordAuth.registerUser({ email, password });
  return { email, password };
}

/** Calls the gateway's admin API (API.md, "Admin"); the answer's JSON, or null for none. */
export async function admin(method, path, body) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${adminKey}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) {
    assert.fail(`${method} ${path}: ${response.status} ${await response.text()}`);
  }

  return response.status === 204 ? null : response.json();
}

/** The server's view of a device (GET /v1/admin/devices/{id}): the state of each user on it, and the active one. */
export async function deviceView(deviceId) {
  const device = await admin("GET", `/v1/admin/devices/${deviceId}`);
  return { active: device.activeUserId, states: Object.fromEntries(device.users.map((u) => [u.userId, u.state])) };
}

/** Runs a flow, printing where it failed. */
export async function run(flow) {
  try {
    await flow();
    console.log("ok");
  } catch (error) {
    console.error(error);
    process.exit(1);
  }
}
