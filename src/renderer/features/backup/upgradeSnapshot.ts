// Before a new version of Carnet upgrades the database's schema, every expedition is
// backed up as the old version stored it — so a faulty upgrade can always be undone.
import { AppDB, DEFAULT_DB_NAME } from '../../db/AppDB';
import { takeSnapshot } from './snapshots';

export async function snapshotBeforeUpgrade(installedSchema: number, name = DEFAULT_DB_NAME): Promise<void> {
  const legacy = new AppDB(name, installedSchema);
  try {
    const ids = await legacy.expeditions.toCollection().primaryKeys();
    for (const id of ids) {
      const outcome = await takeSnapshot(legacy, id);
      if (outcome.kind !== 'done') console.error('[carnet] snapshot before upgrade failed', outcome);
    }
  } finally {
    legacy.close();
  }
}
