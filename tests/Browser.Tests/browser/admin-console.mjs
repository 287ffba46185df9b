// The admin console end to end, by ADMIN.md's accessible names: sign in (a wrong key first), the seed's workflow on
// fresh users (Pending → Confirm User; Confirmed → Revoke All Sessions, Disable User; Disabled → Enable User;
// Delete User), a user's details (custom data refused and saved, End session, devices, audit trail), a change made
// elsewhere shown without a reload, the keyboard alone, 360 px wide, axe-core; then the screenshot.
//
// usage: node admin-console.mjs <baseUrl> <adminKey> <screenshotPath>
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { admin, emailOf, openBrowser, runSteps, step } from './switcher-page.mjs';

const [baseUrl, adminKey, screenshotPath] = process.argv.slice(2);
if (!screenshotPath) {
  console.error('usage: node admin-console.mjs <baseUrl> <adminKey> <screenshotPath>');
  process.exit(2);
}

const PASSWORD = 'demo-password-1';
const FOLLOW_BUDGET_MS = 5_000;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const tag = `seed${Math.random().toString(36).slice(2, 7)}`;
const [ana, ben, cal] = ['ana', 'ben', 'cal'].map((name) => `${tag}-${name}@example.com`);

async function post(path, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(new URL(path, baseUrl), { method: 'POST', headers, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

const register = (email) => post('/v1/auth/providers/local-userpass/register', { email, password: PASSWORD });
const logIn = (device, email) =>
  post(`/v1/devices/${device.deviceId}/login`, { provider: 'local-userpass', email, password: PASSWORD }, device.deviceToken);

async function axe(page, where) {
  await page.evaluate(axeSource);
  const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length > 0) {
    throw new Error(`axe-core (${where}): ${bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target).join(' ')}`).join('; ')}`);
  }
  console.log(`  axe-core (${where}): no serious or critical violation (${violations.length} lesser)`);
}

const row = (page, email) => page.getByRole('row').filter({ has: page.getByRole('button', { name: email, exact: true }) });

async function act(page, email, item) {
  await page.getByRole('button', { name: `Actions for ${email}` }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

async function expectStatus(page, email, status) {
  await row(page, email).locator(`.badge.${status}`).waitFor();
}

async function tab(page, name) {
  await page.getByRole('tab', { name, exact: true }).click();
  await page.waitForFunction((n) => [...document.querySelectorAll('[role="tab"]')].find((t) => t.firstElementChild.textContent === n)?.getAttribute('aria-selected') === 'true', name);
}

mkdirSync(dirname(screenshotPath), { recursive: true });
const browser = await openBrowser();
const { page } = browser;

await runSteps(browser, join(dirname(screenshotPath), 'admin-console-failure.png'), async () => {
  step('three users register (they wait for email confirmation), and one logs in anonymously on a device');
  for (const email of [ana, ben, cal]) await register(email);
  const device = await post('/v1/devices', { name: 'Ana phone' });
  await post(`/v1/devices/${device.deviceId}/login`, { provider: 'anon-user' }, device.deviceToken);

  step('a wrong admin key shows the problem and stays on the sign-in form');
  await page.goto(new URL('/admin/', baseUrl).href);
  await page.getByLabel('Admin key').fill('not-the-key');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'admin key' }).waitFor();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await axe(page, 'sign-in');

  step('signs in with the keyboard alone: the key field, Enter');
  await page.getByLabel('Admin key').fill('');
  await page.getByLabel('Admin key').focus();
  await page.keyboard.type(adminKey);
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Users' }).waitFor();
  if (await page.evaluate(() => Object.keys(localStorage).length) !== 0) throw new Error('the console wrote to localStorage');

  step('the counts: All is the sum of the three statuses; live sessions and devices are shown');
  await page.waitForFunction(() => {
    const count = (status) => Number(document.getElementById(`count-${status}`).textContent);
    return count('all') > 0 && count('all') === count('confirmed') + count('pending') + count('disabled')
      && /^Live sessions: \d+ · Devices: [1-9]\d* · /.test(document.getElementById('totals').textContent);
  });

  step('Pending: the three are listed, each confirmed from its "…" menu (one by keyboard)');
  await tab(page, 'Pending');
  await page.getByLabel('Search users').fill(tag);
  for (const email of [ana, ben, cal]) await expectStatus(page, email, 'pending');
  await act(page, ana, 'Confirm User');
  await act(page, ben, 'Confirm User');
  await page.getByRole('button', { name: `Actions for ${cal}` }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  if (await page.evaluate(() => document.activeElement.textContent) !== 'Confirm User') throw new Error('the menu does not move by keys');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: `Actions for ${cal}` }).waitFor({ state: 'detached' });

  step('Confirmed: Revoke All Sessions ends the user\'s session on its device');
  await tab(page, 'Confirmed');
  await expectStatus(page, ana, 'confirmed');
  await logIn(device, ana);
  await act(page, ana, 'Revoke All Sessions');
  const anaId = await row(page, ana).locator('td.mono').textContent();
  await page.waitForFunction(async ([id, key]) => (await (await fetch(`/v1/admin/users/${id}`, { headers: { Authorization: `Bearer ${key}` } })).json()).sessions.length === 0, [anaId, adminKey]);

  step('Disable User asks first; Disable: the row and the Disabled tab show it; Enable User brings it back');
  await act(page, ben, 'Disable User');
  await page.getByRole('dialog').getByRole('button', { name: 'Disable' }).click();
  await tab(page, 'Disabled');
  await expectStatus(page, ben, 'disabled');
  await axe(page, 'users list');
  await act(page, ben, 'Enable User');
  await row(page, ben).waitFor({ state: 'detached' });

  step('Delete User asks first; Cancel keeps the user, Delete removes it');
  await tab(page, 'All');
  await act(page, cal, 'Delete User');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expectStatus(page, cal, 'confirmed');
  await act(page, cal, 'Delete User');
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await row(page, cal).waitFor({ state: 'detached' });

  step('a user registered elsewhere shows without a reload');
  const dan = `${tag}-dan@example.com`;
  const started = Date.now();
  await register(dan);
  await row(page, dan).waitFor({ timeout: FOLLOW_BUDGET_MS });
  console.log(`  shown after ${Date.now() - started} ms`);

  step('the details: custom data refused unless an object, then saved; End session; devices; audit trail');
  await logIn(device, ana);
  await page.getByRole('button', { name: ana, exact: true }).click();
  await page.getByRole('heading', { name: ana }).waitFor();
  await page.getByLabel('Custom data').fill('[1, 2]');
  await page.getByRole('button', { name: 'Save custom data' }).click();
  await page.getByRole('alert').filter({ hasText: 'JSON object' }).waitFor();
  await page.getByLabel('Custom data').fill('{"plan": "team"}');
  await page.getByRole('button', { name: 'Save custom data' }).click();
  await page.getByRole('alert').filter({ hasText: 'JSON object' }).waitFor({ state: 'detached' }).catch(() => {});
  await page.waitForFunction(() => document.querySelector('#custom-data').value.includes('"plan": "team"'));
  await page.locator('#devices').getByText(`${ana}: active`).waitFor();
  await page.locator('#audit').getByText('revoke').first().waitFor();
  await axe(page, 'details');
  await page.getByRole('button', { name: 'End session' }).click();
  await page.locator('#sessions').getByText('No live session.').waitFor();
  await page.locator('#devices').getByText(`${ana}: loggedOut`).waitFor();
  await page.getByRole('button', { name: 'Back to users' }).click();

  step('360 px wide: the list and the menu still work, and axe-core finds nothing serious');
  await page.setViewportSize({ width: 360, height: 780 });
  await act(page, ana, 'Disable User');
  await page.getByRole('dialog').getByRole('button', { name: 'Disable' }).click();
  await expectStatus(page, ana, 'disabled');
  await axe(page, '360 px');

  step('the screenshot, then Sign out forgets the key');
  await page.setViewportSize({ width: 1180, height: 760 });
  await page.getByLabel('Search users').fill(tag);
  await row(page, dan).waitFor();
  await page.screenshot({ path: screenshotPath });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Admin key').waitFor();
  if (await page.evaluate(() => sessionStorage.length) !== 0) throw new Error('the key is still kept after Sign out');
});
