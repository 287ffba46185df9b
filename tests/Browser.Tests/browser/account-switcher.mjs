// Drives the account-switcher page (/app/) of a running gateway in Debian's headless Chromium, end to end:
// register and log in three users, switch, log out, remove, log in anonymously, reload, and see an admin's
// revocation show on the page within a second, without a reload. Exits non-zero on the first failed step.
//
// usage: node account-switcher.mjs <baseUrl> <adminKey> <screenshotPath>
import { existsSync, mkdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { chromium } from 'playwright-core';

const [baseUrl, adminKey, screenshotPath] = process.argv.slice(2);
if (!screenshotPath) {
  console.error('usage: node account-switcher.mjs <baseUrl> <adminKey> <screenshotPath>');
  process.exit(2);
}

const STEP_TIMEOUT_MS = 10_000;
const REVOKE_BUDGET_MS = 1_000;
const PASSWORD = 'demo-password-1';
const run = Math.random().toString(36).slice(2, 8);
const ana = `ana-${run}@example.com`;
const ben = `ben-${run}@example.com`;
const cal = `cal-${run}@example.com`;
const ANONYMOUS = '(anonymous)';

/** Debian's Chromium: $CHROMIUM, or `chromium` on the PATH (a test tool's own browser download cannot work here). */
function chromiumPath() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(folder, 'chromium');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('chromium is not on the PATH: run deploy/chromium/install.sh');
}

function step(text) {
  console.log(`- ${text}`);
}

/** The page's user list as [email or (anonymous), state], in its order. */
function listedUsers(page) {
  return page.$$eval('#users > li', (items) => items.map((li) => [li.dataset.email ?? '(anonymous)', li.dataset.state]));
}

/** Waits until the page lists exactly these users, in this order, with these states. */
async function expectUsers(page, expected, timeout = STEP_TIMEOUT_MS) {
  try {
    await page.waitForFunction(
      (want) => JSON.stringify([...document.querySelectorAll('#users > li')]
        .map((li) => [li.dataset.email ?? '(anonymous)', li.dataset.state])) === JSON.stringify(want),
      expected,
      { timeout });
  } catch {
    throw new Error(`expected the users ${JSON.stringify(expected)}, the page lists ${JSON.stringify(await listedUsers(page))}`);
  }
}

async function expectText(page, selector, text) {
  try {
    await page.waitForFunction(
      ([s, t]) => document.querySelector(s)?.textContent.includes(t), [selector, text], { timeout: STEP_TIMEOUT_MS });
  } catch {
    throw new Error(`expected ${selector} to say "${text}"; it says "${await page.textContent(selector)}"`);
  }
}

function user(page, email) {
  return page.locator(email === ANONYMOUS ? '#users > li:not([data-email])' : `#users > li[data-email="${email}"]`);
}

async function register(page, email) {
  await page.locator('#register-email').fill(email);
  await page.locator('#register-password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Register' }).click();
  await expectText(page, '#message', `Registered ${email}`);
}

async function logIn(page, email, password = PASSWORD) {
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
}

async function admin(method, path, body) {
  const headers = { Authorization: `Bearer ${adminKey}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(new URL(path, baseUrl), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

const problems = [];
const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
const context = await browser.newContext({ viewport: { width: 1180, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
const page = await context.newPage();
page.setDefaultTimeout(STEP_TIMEOUT_MS);
page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
page.on('console', (message) => {
  // A refused API call (a 401 on a wrong password) is logged as a failed resource; those are expected.
  if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
    problems.push(`console error: ${message.text()}`);
  }
});
page.on('response', (response) => {
  if (response.status() >= 500) problems.push(`${response.status()} from ${response.url()}`);
});

try {
  step('opens /app/: it registers a device and follows its events');
  await page.goto(new URL('/app/', baseUrl).href);
  await page.locator('#connection[data-state="live"]').waitFor();
  const deviceId = (await page.textContent('#device-id')).trim();
  await expectUsers(page, []);

  step('registers three users');
  for (const email of [ana, ben, cal]) await register(page, email);

  step('a wrong password shows the problem in the message area');
  await logIn(page, ana, 'not-the-password');
  await expectText(page, '#message', 'invalid-credentials');
  if ((await page.getAttribute('#message', 'data-kind')) !== 'error') throw new Error('the failed login is not shown as an error');

  step('logs the three in: the last one is active, the others inactive, in first-login order');
  for (const email of [ana, ben, cal]) {
    await logIn(page, email);
    await user(page, email).and(page.locator('[data-state="active"]')).waitFor();
  }
  await expectUsers(page, [[ana, 'inactive'], [ben, 'inactive'], [cal, 'active']]);
  await expectText(page, '#profile-email', cal);

  step('switches to the first user without logging in again');
  await user(page, ana).getByRole('button', { name: `Switch to ${ana}` }).click();
  await expectUsers(page, [[ana, 'active'], [ben, 'inactive'], [cal, 'inactive']]);
  await expectText(page, '#profile-email', ana);

  step('logs the second user out: it stays listed, logged out');
  await user(page, ben).getByRole('button', { name: `Log out ${ben}` }).click();
  await expectUsers(page, [[ana, 'active'], [ben, 'loggedOut'], [cal, 'inactive']]);

  step('removes the third user: it is no longer listed');
  await user(page, cal).getByRole('button', { name: `Remove ${cal}` }).click();
  await expectUsers(page, [[ana, 'active'], [ben, 'loggedOut']]);

  step('logs in anonymously, then the removed user again: it comes back at the end, with the custom data an admin set');
  await page.getByRole('button', { name: 'Log in anonymously' }).click();
  await expectUsers(page, [[ana, 'inactive'], [ben, 'loggedOut'], [ANONYMOUS, 'active']]);
  await expectText(page, '#profile-email', 'anonymous');
  const calId = (await (await admin('GET', `/v1/admin/users?email=${encodeURIComponent(cal)}`)).json()).userId;
  await admin('PUT', `/v1/admin/users/${calId}/custom-data`, { plan: 'team', seats: 5 });
  await logIn(page, cal);
  await expectUsers(page, [[ana, 'inactive'], [ben, 'loggedOut'], [ANONYMOUS, 'inactive'], [cal, 'active']]);
  await expectText(page, '#profile-custom-data', '"plan": "team"');

  step('reloads: the same device, the same users');
  await page.reload();
  await page.locator('#connection[data-state="live"]').waitFor();
  await expectUsers(page, [[ana, 'inactive'], [ben, 'loggedOut'], [ANONYMOUS, 'inactive'], [cal, 'active']]);
  const reloadedDeviceId = (await page.textContent('#device-id')).trim();
  if (reloadedDeviceId !== deviceId) throw new Error(`the device changed on reload: ${deviceId} → ${reloadedDeviceId}`);

  step('switches to the first user, then an admin revokes its sessions');
  await user(page, ana).getByRole('button', { name: `Switch to ${ana}` }).click();
  await expectUsers(page, [[ana, 'active'], [ben, 'loggedOut'], [ANONYMOUS, 'inactive'], [cal, 'inactive']]);
  await page.evaluate((mark) => { window.sameDocument = mark; }, run);
  const anaId = await user(page, ana).getAttribute('data-user-id');
  const sent = performance.now();
  await admin('POST', `/v1/admin/users/${anaId}/revoke-sessions`);
  const acknowledged = performance.now();
  await expectUsers(page, [[ana, 'loggedOut'], [ben, 'loggedOut'], [ANONYMOUS, 'inactive'], [cal, 'active']], REVOKE_BUDGET_MS);
  const shown = performance.now();
  console.log(`  shown logged out ${Math.round(shown - acknowledged)} ms after the revoke was acknowledged ` +
    `(${Math.round(shown - sent)} ms after it was sent)`);
  if ((await page.evaluate(() => window.sameDocument)) !== run) throw new Error('the page reloaded to show the revocation');
  await expectText(page, '#message', 'an administrator ended its sessions');
  await expectText(page, '#profile-email', cal);

  step('the browser keeps tokens of the logged-in users only');
  const held = await page.evaluate(() => Object.keys(JSON.parse(localStorage.getItem('orleans-sessions.tokens'))).length);
  if (held !== 2) throw new Error(`localStorage holds tokens of ${held} users, not of the 2 logged in`);

  step(`takes the screenshot: ${screenshotPath}`);
  mkdirSync(dirname(screenshotPath), { recursive: true });
  await page.screenshot({ path: screenshotPath, fullPage: true });

  if (problems.length > 0) throw new Error(`the page had problems:\n${problems.join('\n')}`);
  console.log('account switcher: every step passed');
} catch (error) {
  console.error(`FAILED: ${error.message}`);
  if (problems.length > 0) console.error(problems.join('\n'));
  const failure = join(dirname(screenshotPath), 'account-switcher-failure.png');
  mkdirSync(dirname(failure), { recursive: true });
  await page.screenshot({ path: failure, fullPage: true }).then(() => console.error(`failure screenshot: ${failure}`), () => {});
  process.exitCode = 1;
} finally {
  await browser.close();
}
