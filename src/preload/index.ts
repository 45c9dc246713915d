// Builds `window.carnet` from the IPC contract: one method per entry, each forwarding its
// single payload to main. The renderer never sees ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import { contract, METHODS, type Api } from '../shared/ipc';

const api = Object.fromEntries(
  METHODS.map((method) => [
    method,
    (payload?: unknown) => ipcRenderer.invoke(contract[method].channel, payload),
  ]),
) as Api;

contextBridge.exposeInMainWorld('carnet', api satisfies Api);
