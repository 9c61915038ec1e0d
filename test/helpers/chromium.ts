import type { Page } from 'playwright-core';
/** Debian's Chromium (apt-get install chromium), headless, for playwright-core's `chromium.launch`. */
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

/** Opens the console at `url` and signs in with the login form, as an agent would. */
export async function signIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(`${url}/console`);
  await page.fill('#login-user', username);
  await page.fill('#login-pass', password);
  await page.click('#login-submit');
}
