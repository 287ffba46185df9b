// The API reference (/docs, Scalar) renders under its Content-Security-Policy: the route summaries of the OpenAPI
// document appear, and Chromium reports no violation (a CSP violation is a console error) nor script error.
//
// usage: node api-reference.mjs <baseUrl> <failureScreenshotPath>
import { openBrowser, runSteps, step } from './switcher-page.mjs';

const [baseUrl, failureScreenshot] = process.argv.slice(2);
if (!failureScreenshot) {
  console.error('usage: node api-reference.mjs <baseUrl> <failureScreenshotPath>');
  process.exit(2);
}

const opened = await openBrowser();
const { page } = opened;
await runSteps(opened, failureScreenshot, async () => {
  step('open /docs');
  const response = await page.goto(new URL('/docs/', baseUrl).href, { waitUntil: 'domcontentloaded', timeout: 30_000 });
  const policy = response.headers()['content-security-policy'] ?? '';
  if (!policy.includes("script-src 'self' 'nonce-")) throw new Error(`no nonce policy on /docs: '${policy}'`);
  step('wait for a route of the OpenAPI document to be shown');
  await page.getByText('Registers a device and hands out its device token.').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1_000); // late violations (a font, a worker) are reported too
});
