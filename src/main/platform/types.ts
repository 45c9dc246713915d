// Services that differ between the Electron app and the test harness or CLI. Each host
// provides one implementation; the handlers only see this interface.
export interface Platform {
  appVersion: string;
  systemLocale: string;
  platform: string;
  /** Hands a URL, already checked against the allowlist, to the operating system. */
  openExternal(url: string): Promise<void>;
}
