// Asks the browser engine to keep Carnet's storage even under disk pressure, and reports
// how much space the notebook uses.
export interface StorageState {
  persisted: boolean;
  usage: number | null;
  quota: number | null;
}

export async function requestPersistentStorage(): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}

export async function readStorageState(): Promise<StorageState> {
  const [persisted, estimate] = await Promise.all([
    navigator.storage?.persisted?.() ?? Promise.resolve(false),
    navigator.storage?.estimate?.() ?? Promise.resolve({} as StorageEstimate),
  ]);
  return { persisted, usage: estimate.usage ?? null, quota: estimate.quota ?? null };
}
