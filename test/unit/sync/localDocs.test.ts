import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AppDB } from '../../../src/renderer/db/AppDB';
import { openLocalDoc } from '../../../src/renderer/sync/localDocs';

const opened: AppDB[] = [];
afterEach(async () => {
  for (const database of opened.splice(0)) {
    database.close();
    await Dexie.delete(database.name);
  }
});

const settle = () => new Promise((done) => setTimeout(done, 50));

describe('Yjs documents kept offline', () => {
  it('keeps every change of a document across a restart, document by document', async () => {
    const name = `sync-local-${performance.now()}`;
    let database = new AppDB(name);
    opened.push(database);
    const first = await openLocalDoc(database, 'carnet/e1/structure');
    first.doc.getMap('expedition').set('title', 'Auvergne');
    const other = await openLocalDoc(database, 'carnet/e1/participant/p1');
    other.doc.getMap('notes').set('n1', { visitId: 'v1' });
    first.doc.getMap('expedition').set('place', 'Clermont');
    await settle();
    first.release();
    other.release();
    database.close();

    database = new AppDB(name);
    opened.push(database);
    const again = await openLocalDoc(database, 'carnet/e1/structure');
    expect(again.doc.getMap('expedition').toJSON()).toEqual({ title: 'Auvergne', place: 'Clermont' });
    const otherAgain = await openLocalDoc(database, 'carnet/e1/participant/p1');
    expect(otherAgain.doc.getMap('notes').toJSON()).toEqual({ n1: { visitId: 'v1' } });
    // A change received from elsewhere is kept too.
    const remote = new Y.Doc();
    remote.getMap('expedition').set('timeZone', 'Europe/Paris');
    Y.applyUpdate(again.doc, Y.encodeStateAsUpdate(remote));
    await settle();
    again.release();
    otherAgain.release();
    database.close();
    database = new AppDB(name);
    opened.push(database);
    const third = await openLocalDoc(database, 'carnet/e1/structure');
    expect(third.doc.getMap('expedition').get('timeZone')).toBe('Europe/Paris');
    third.release();
  });
});
