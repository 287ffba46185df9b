// Driving the account-switcher page (/app/) in Debian's headless Chromium: what the scripts beside this share.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium } from 'playwright-core';

const STEP_TIMEOUT_MS = 10_000;
const PASSWORD = 'demo-password-1';
export const ANONYMOUS = '(anonymous)';

/** Debian's Chromium: $CHROMIUM, or `chromium` on the PATH (a test tool's own browser download cannot work here). */
function chromiumPath() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(folder, 'chromium');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('chromium is not on the PATH: run deploy/chromium/install.sh');
}

/**
 * A browser with one page, and the problems seen on it: script errors, console errors (a Content-Security-Policy
 * violation is one) and 5xx answers. A refused API call (a 401 on a wrong password) is logged by Chromium as a
 * failed resource; those are expected and not problems.
 */
export async function openBrowser() {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport: { width: 1180, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`${response.status()} from ${response.url()}`);
  });
  return { browser, page, problems };
}

export function step(text) {
  console.log(`- ${text}`);
}

/** A fresh address per run, so a script can run again against the same gateway. */
export function emailOf(name) {
  return `${name}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** Opens the page and waits until it follows its device's events. */
export async function openSwitcher(page, baseUrl) {
  await page.goto(new URL('/app/', baseUrl).href);
  await waitUntilLive(page);
}

export function waitUntilLive(page) {
  return page.locator('#connection[data-state="live"]').waitFor();
}

/** The page's user list as [email or (anonymous), state], in its order. */
function listedUsers(page) {
  return page.$$eval('#users > li', (items) => items.map((li) => [li.dataset.email ?? '(anonymous)', li.dataset.state]));
}

/** Waits until the page lists exactly these users, in this order, with these states. */
export async function expectUsers(page, expected, timeout = STEP_TIMEOUT_MS) {
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

export async function expectText(page, selector, text) {
  try {
    await page.waitForFunction(
      ([s, t]) => document.querySelector(s)?.textContent.includes(t), [selector, text], { timeout: STEP_TIMEOUT_MS });
  } catch {
    throw new Error(`expected ${selector} to say "${text}"; it says "${await page.textContent(selector)}"`);
  }
}

/** A user's row in the list. */
export function user(page, email) {
  return page.locator(email === ANONYMOUS ? '#users > li:not([data-email])' : `#users > li[data-email="${email}"]`);
}

export async function register(page, email) {
  await page.locator('#register-email').fill(email);
  await page.locator('#register-password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Register' }).click();
  await expectText(page, '#message', `Registered ${email}`);
}

export async function logIn(page, email, password = PASSWORD) {
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
}

/** The tokens the page keeps in localStorage, by user id. */
export function storedTokens(page) {
  return page.evaluate(() => JSON.parse(localStorage.getItem('orleans-sessions.tokens')) ?? {});
}

/** A call to the admin API, from Node (the page never holds the admin key). */
export async function admin(baseUrl, adminKey, method, path, body) {
  const headers = { Authorization: `Bearer ${adminKey}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(new URL(path, baseUrl), {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

/** Runs a script's steps: a failure prints why, keeps a screenshot beside the given path and sets the exit code. */
export async function runSteps({ browser, page, problems }, failureScreenshot, steps) {
  try {
    await steps();
    if (problems.length > 0) throw new Error('the page had problems');
  } catch (error) {
    console.error(`FAILED: ${error.message}`);
    if (problems.length > 0) console.error(problems.join('\n'));
    await page.screenshot({ path: failureScreenshot, fullPage: true })
      .then(() => console.error(`failure screenshot: ${failureScreenshot}`), () => {});
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}
