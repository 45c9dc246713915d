// The e2e tests drive Carnet through the browser host (src/main/platform/browser.ts): the
// built renderer in Debian's Chromium, wired to the real main-side handlers.
export {
  BLANK_PATH,
  HOST_ORIGIN,
  launchCarnet,
  stopHarness,
  type BrowserPlatform,
  type CarnetSession,
  type LaunchOptions,
} from '../../src/main/platform/browser';
