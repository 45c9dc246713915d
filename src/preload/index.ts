// Builds `window.carnet` from the IPC contract: one method per entry, each forwarding its
// single payload to main. The renderer never sees ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import { contract, isMenuCommand, MENU_CHANNEL, METHODS, type Api, type MenuCommand } from '../shared/ipc';

const methods = Object.fromEntries(METHODS.map((method) => [method, (payload?: unknown) => ipcRenderer.invoke(contract[method].channel, payload)]));

const api = {
  ...methods,
  onMenuCommand(listener: (command: MenuCommand) => void) {
    const forward = (_event: unknown, command: unknown): void => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(MENU_CHANNEL, forward);
  },
} as Api;

contextBridge.exposeInMainWorld('carnet', api satisfies Api);
