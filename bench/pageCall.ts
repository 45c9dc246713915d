// The one way the runners call into a bench page: each page puts its functions on
// `window.bench` and exports their type; `onPage<ThatType>(page).name(...args)` calls one
// in the page and answers what it returns (arguments and answers travel as JSON).
import type { Page } from 'playwright-core';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Functions = Record<string, (...args: any[]) => unknown>;

/** Each function of the page, called from Node: same arguments, its answer awaited. */
export type OnPage<Api extends Functions> = {
  [K in keyof Api]: (...args: Parameters<Api[K]>) => Promise<Awaited<ReturnType<Api[K]>>>;
};

export function onPage<Api extends Functions>(page: Page): OnPage<Api> {
  return new Proxy({} as OnPage<Api>, {
    get: (_target, name) => {
      // Not a thenable: `await onPage(page)` is the proxy itself.
      if (typeof name !== 'string' || name === 'then') return undefined;
      return (...args: unknown[]) => page.evaluate(([n, a]) => (window as unknown as { bench: Functions }).bench[n]!(...a), [name, args] as const);
    },
  });
}
