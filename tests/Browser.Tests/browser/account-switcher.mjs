// The account-switcher page end to end: register and log in three users, switch, log out, remove, log in
// anonymously, reload, and see an admin's revocation show within a second, without a reload; then the screenshot.
// Exits non-zero on the first failed step.
//
// usage: node account-switcher.mjs <baseUrl> <adminKey> <screenshotPath>
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  ANONYMOUS, admin, emailOf, expectText, expectUsers, logIn, openBrowser, openSwitcher, register, runSteps, step,
  storedTokens, user, waitUntilLive,
} from './switcher-page.mjs';

const [baseUrl, adminKey, screenshotPath] = process.argv.slice(2);
if (!screenshotPath) {
  console.error('usage: node account-switcher.mjs <baseUrl> <adminKey> <screenshotPath>');
  process.exit(2);
}

const REVOKE_BUDGET_MS = 1_000;
const ana = emailOf('ana');
const ben = emailOf('ben');
const cal = emailOf('cal');

mkdirSync(dirname(screenshotPath), { recursive: true });
const browser = await openBrowser();
const { page } = browser;

await runSteps(browser, join(dirname(screenshotPath), 'account-switcher-failure.png'), async () => {
  step('opens /app/: it registers a device and follows its events');
  await openSwitcher(page, baseUrl);
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
  const calId = (await (await admin(baseUrl, adminKey, 'GET', `/v1/admin/users?email=${encodeURIComponent(cal)}`)).json()).userId;
  await admin(baseUrl, adminKey, 'PUT', `/v1/admin/users/${calId}/custom-data`, { plan: 'team', seats: 5 });
  await logIn(page, cal);
  await expectUsers(page, [[ana, 'inactive'], [ben, 'loggedOut'], [ANONYMOUS, 'inactive'], [cal, 'active']]);
  await expectText(page, '#profile-custom-data', '"plan": "team"');

  step('reloads: the same device, the same users');
  await page.reload();
  await waitUntilLive(page);
  await expectUsers(page, [[ana, 'inactive'], [ben, 'loggedOut'], [ANONYMOUS, 'inactive'], [cal, 'active']]);
  const reloadedDeviceId = (await page.textContent('#device-id')).trim();
  if (reloadedDeviceId !== deviceId) throw new Error(`the device changed on reload: ${deviceId} → ${reloadedDeviceId}`);

  step('switches to the first user, then an admin revokes its sessions');
  await user(page, ana).getByRole('button', { name: `Switch to ${ana}` }).click();
  await expectUsers(page, [[ana, 'active'], [ben, 'loggedOut'], [ANONYMOUS, 'inactive'], [cal, 'inactive']]);
  const mark = Math.random().toString(36);
  await page.evaluate((m) => { window.sameDocument = m; }, mark);
  const anaId = await user(page, ana).getAttribute('data-user-id');
  const sent = performance.now();
  await admin(baseUrl, adminKey, 'POST', `/v1/admin/users/${anaId}/revoke-sessions`);
  const acknowledged = performance.now();
  await expectUsers(page, [[ana, 'loggedOut'], [ben, 'loggedOut'], [ANONYMOUS, 'inactive'], [cal, 'active']], REVOKE_BUDGET_MS);
  const shown = performance.now();
  console.log(`  shown logged out ${Math.round(shown - acknowledged)} ms after the revoke was acknowledged ` +
    `(${Math.round(shown - sent)} ms after it was sent)`);
  if ((await page.evaluate(() => window.sameDocument)) !== mark) throw new Error('the page reloaded to show the revocation');
  await expectText(page, '#message', 'an administrator ended its sessions');
  await expectText(page, '#profile-email', cal);

  step('the browser keeps tokens of the logged-in users only');
  const held = Object.keys(await storedTokens(page)).length;
  if (held !== 2) throw new Error(`localStorage holds tokens of ${held} users, not of the 2 logged in`);

  step(`takes the screenshot: ${screenshotPath}`);
  await page.screenshot({ path: screenshotPath, fullPage: true });
  console.log('account switcher: every step passed');
});
