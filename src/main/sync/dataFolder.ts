// The server's data folder: `admin-key.sha256` (the hash of the admin key, never the key)
// and `documents/` (persistence.ts). A folder is taken only if it is new, empty or
// already a server's: the server never mixes its files with someone else's.
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashToken, newToken } from '../../shared/sync/access';
import { writeFileAtomic } from '../atomicFiles';

const ADMIN_KEY_FILE = 'admin-key.sha256';
const DOCUMENTS = 'documents';

export class DataFolderError extends Error {}

/** The admin key's hash, and the key itself when it was just created (a new folder, or
 *  `newAdminKey`): shown once, then only its hash remains. */
export async function openDataFolder(dataDir: string, newAdminKey = false): Promise<{ adminKeyHash: string; adminKey?: string }> {
  const keyFile = join(dataDir, ADMIN_KEY_FILE);
  const entries = await mkdir(dataDir, { recursive: true })
    .then(() => readdir(dataDir))
    .catch((error: NodeJS.ErrnoException) => {
      throw new DataFolderError(`cannot use ${dataDir} as the server's data folder (${error.code ?? error.message})`);
    });
  const hasKey = entries.includes(ADMIN_KEY_FILE);
  if (!hasKey && !entries.includes(DOCUMENTS) && entries.length > 0) {
    throw new DataFolderError(`${dataDir} holds files of something else: choose an empty folder for the server's data`);
  }
  if (!newAdminKey && hasKey) {
    const adminKeyHash = (await readFile(keyFile, 'utf8')).trim();
    if (!/^[0-9a-f]{64}$/.test(adminKeyHash)) throw new DataFolderError(`${keyFile} is damaged: start with --new-admin-key to replace it`);
    return { adminKeyHash };
  }
  if (!newAdminKey && entries.length > 0) throw new DataFolderError(`${keyFile} is missing: start with --new-admin-key to make a new one`);
  const adminKey = newToken();
  const adminKeyHash = await hashToken(adminKey);
  await writeFileAtomic(keyFile, `${adminKeyHash}\n`);
  return { adminKeyHash, adminKey };
}
