// Registers one ipcMain handler per contract method. Each checks that the message comes
// from the app's own top frame before `dispatch` validates the payload.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { contract, fail, METHODS } from '../shared/ipc';
import { dispatch } from './dispatch';
import type { Handlers } from './handlers';
import { isTrustedOrigin } from './security';

export function isTrustedSender(event: IpcMainInvokeEvent, devServerUrl?: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isTrustedOrigin(frame.url, devServerUrl);
}

export function registerIpc(ipcMain: IpcMain, handlers: Handlers, devServerUrl?: string): void {
  for (const method of METHODS) {
    ipcMain.handle(contract[method].channel, (event, payload: unknown) => {
      if (!isTrustedSender(event, devServerUrl)) {
        return fail('forbiddenSender', 'This request did not come from Carnet.');
      }
      return dispatch(handlers, method, payload);
    });
  }
}
