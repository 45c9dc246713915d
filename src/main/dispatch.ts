// One gate for every message from the renderer: the method must exist, the payload must
// match its schema, and whatever happens inside comes back as a Result, never a throw.
import { z } from 'zod';
import { contract, fail, isMethod, type Result } from '../shared/ipc';
import { printable } from '../shared/text/printable';
import type { Handlers } from './handlers';

export async function dispatch(handlers: Handlers, method: unknown, payload: unknown): Promise<Result<unknown>> {
  if (!isMethod(method)) {
    return fail('unknownChannel', `Unknown method: ${String(method).slice(0, 80)}`);
  }
  const parsed = contract[method].request.safeParse(payload);
  if (!parsed.success) {
    return fail('badPayload', `Invalid request for ${method}: ${z.prettifyError(parsed.error)}`);
  }
  try {
    const handler = handlers[method] as (p: unknown) => Promise<Result<unknown>>;
    return await handler(parsed.data);
  } catch (error) {
    // To the terminal Carnet was started from: a file name in the error must not drive it.
    const report = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`[carnet] ${method} failed:`, report.split('\n').map(printable).join('\n'));
    return fail('internal', `Something went wrong in ${method}.`);
  }
}
