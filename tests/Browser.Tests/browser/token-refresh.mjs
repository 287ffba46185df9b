// The page refreshes an expired access token with the user's refresh token, and goes on working. Run it against a
// gateway whose access tokens live about a second. Exits non-zero on the first failed step.
//
// usage: node token-refresh.mjs <baseUrl> <outputFolder>
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  emailOf, expectText, expectUsers, logIn, openBrowser, openSwitcher, register, runSteps, step, storedTokens,
  waitUntilLive,
} from './switcher-page.mjs';

const [baseUrl, outputFolder] = process.argv.slice(2);
if (!outputFolder) {
  console.error('usage: node token-refresh.mjs <baseUrl> <outputFolder>');
  process.exit(2);
}

const EXPIRY_WAIT_MS = 2_500;
const dee = emailOf('dee');

mkdirSync(outputFolder, { recursive: true });
const browser = await openBrowser();
const { page } = browser;

await runSteps(browser, join(outputFolder, 'token-refresh-failure.png'), async () => {
  step('opens /app/, registers a user and logs it in');
  await openSwitcher(page, baseUrl);
  await register(page, dee);
  await logIn(page, dee);
  await expectUsers(page, [[dee, 'active']]);
  await expectText(page, '#profile-email', dee);
  const [[userId, first]] = Object.entries(await storedTokens(page));

  step(`waits ${EXPIRY_WAIT_MS} ms: its access token has expired`);
  await page.waitForTimeout(EXPIRY_WAIT_MS);

  step('reloads: the profile is read again, with an access token refreshed by the refresh token');
  await page.reload();
  await waitUntilLive(page);
  await expectUsers(page, [[dee, 'active']]);
  await expectText(page, '#profile-email', dee);
  const second = (await storedTokens(page))[userId];
  if (!second) throw new Error('the page dropped the user\'s tokens instead of refreshing them');
  if (second.accessToken === first.accessToken) throw new Error('the access token was not refreshed');
  if ((await page.getAttribute('#message', 'data-kind')) === 'error') {
    throw new Error(`the page shows an error: ${await page.textContent('#message')}`);
  }
  console.log('token refresh: every step passed');
});
