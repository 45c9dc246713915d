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
    expect(Object.keys(api).sort()).toEqual([...METHODS].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('forwards each call on its own channel with its single payload', async () => {
    const api = exposed['carnet'] as { openExternal: (p: unknown) => Promise<unknown> };
    await api.openExternal({ url: 'https://example.org' });
    expect(invoke).toHaveBeenCalledWith(contract.openExternal.channel, { url: 'https://example.org' });
  });
});
