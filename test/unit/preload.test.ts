import { beforeEach, describe, expect, it, vi } from 'vitest';
import { contract, METHODS } from '../../src/shared/ipc';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: { invoke: (...args: unknown[]) => invoke(...args) },
}));

describe('preload', () => {
  beforeEach(async () => {
    await import('../../src/preload/index');
  });

  it('exposes exactly the contract methods as window.carnet, and nothing of ipcRenderer', () => {
    const api = exposed['carnet'] as Record<string, unknown>;
    expect(Object.keys(exposed)).toEqual(['carnet']);
    expect(Object.keys(api).sort()).toEqual([...METHODS, 'onMenuCommand'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('forwards each call on its own channel with its single payload', async () => {
    const api = exposed['carnet'] as { openExternal: (p: unknown) => Promise<unknown> };
    await api.openExternal({ url: 'https://example.org' });
    expect(invoke).toHaveBeenCalledWith(contract.openExternal.channel, { url: 'https://example.org' });
  });
});

describe('menu commands', () => {
  it('reach the listener only when they are known commands, and can be unsubscribed', async () => {
    const { ipcRenderer } = await import('electron');
    const handlers: Array<(event: unknown, command: unknown) => void> = [];
    Object.assign(ipcRenderer, {
      on: (_channel: string, handler: (event: unknown, command: unknown) => void) => handlers.push(handler),
      removeListener: (_channel: string, handler: unknown) => handlers.splice(handlers.indexOf(handler as never), 1),
    });
    const api = exposed['carnet'] as { onMenuCommand: (l: (c: string) => void) => () => void };
    const received: string[] = [];
    const unsubscribe = api.onMenuCommand((command) => received.push(command));
    for (const command of ['newNote', 'rm -rf', { evil: true }, 'openTrash']) handlers.forEach((h) => h({}, command));
    unsubscribe();
    handlers.forEach((h) => h({}, 'newNote'));
    expect(received).toEqual(['newNote', 'openTrash']);
  });
});
