// The table of docs/sharing.md: which names are documents, and who may do what with each.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addParticipant,
  findByTokenHash,
  hashToken,
  listParticipants,
  newToken,
  participantsOf,
  readParticipant,
  revokeParticipant,
} from '../../../src/shared/sync/access';
import { documentName, parseDocumentName, permission, type SyncDocument } from '../../../src/shared/sync/documents';

const organiser = { participant: 'olga', role: 'organiser' } as const;
const alice = { participant: 'alice', role: 'participant' } as const;

describe('document names', () => {
  const documents: [string, SyncDocument][] = [
    ['carnet/e1/access', { kind: 'access', expedition: 'e1' }],
    ['carnet/e1/structure', { kind: 'structure', expedition: 'e1' }],
    ['carnet/e1/participant/alice', { kind: 'participant', expedition: 'e1', participant: 'alice' }],
    ['carnet/e1/note/alice/n-1_A', { kind: 'note', expedition: 'e1', participant: 'alice', id: 'n-1_A' }],
    ['carnet/e1/synthesis/alice/lesson1', { kind: 'synthesis', expedition: 'e1', participant: 'alice', id: 'lesson1' }],
    [
      'carnet/e1/photo/alice/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      { kind: 'photo', expedition: 'e1', participant: 'alice', id: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
    ],
    ['carnet/e1/group/lesson1', { kind: 'group', expedition: 'e1', id: 'lesson1' }],
  ];

  it.each(documents)('%s is read and written back the same', (name, doc) => {
    expect(parseDocumentName(name)).toEqual(doc);
    expect(documentName(doc)).toBe(name);
  });

  it.each([
    '',
    'carnet',
    'carnet/e1',
    'carnet/e1/unknown',
    'carnet/e1/access/extra',
    'carnet/e1/note/alice',
    'carnet/e1/note/alice/n1/more',
    'carnet/e1/group',
    'other/e1/structure',
    'carnet//structure',
    'carnet/e 1/structure',
    'carnet/e1/note/../n1',
    'carnet/e1/note/alice/n1\u001b[2J',
    'carnet/é/structure',
    `carnet/${'x'.repeat(201)}/structure`,
  ])('%j is not a document', (name) => {
    expect(parseDocumentName(name)).toBeNull();
  });

  it('takes ids of up to 200 characters', () => {
    expect(parseDocumentName(`carnet/${'x'.repeat(200)}/structure`)).toEqual({ kind: 'structure', expedition: 'x'.repeat(200) });
  });
});

describe('permissions', () => {
  const of = (name: string): SyncDocument => parseDocumentName(name) ?? expect.fail(name);

  it('gives the access document to the organiser alone', () => {
    expect(permission(of('carnet/e1/access'), organiser)).toBe('write');
    expect(permission(of('carnet/e1/access'), alice)).toBe('none');
  });

  it('lets everyone read the structure, and the organiser write it', () => {
    expect(permission(of('carnet/e1/structure'), organiser)).toBe('write');
    expect(permission(of('carnet/e1/structure'), alice)).toBe('read');
  });

  it.each(['participant/alice', 'note/alice/n1', 'synthesis/alice/l1', 'photo/alice/abc'])('lets only its owner write %s, whatever their role', (rest) => {
    expect(permission(of(`carnet/e1/${rest}`), alice)).toBe('write');
    expect(permission(of(`carnet/e1/${rest}`), { participant: 'bob', role: 'participant' })).toBe('read');
    expect(permission(of(`carnet/e1/${rest}`), organiser)).toBe('read');
  });

  it("lets every participant write the group's synthesis", () => {
    expect(permission(of('carnet/e1/group/l1'), alice)).toBe('write');
    expect(permission(of('carnet/e1/group/l1'), organiser)).toBe('write');
  });
});

describe('the access document', () => {
  it('finds a participant by the hash of their token, and tells a revoked one', async () => {
    const doc = new Y.Doc();
    const token = newToken();
    addParticipant(doc, { id: 'alice', name: 'Alice', role: 'participant', tokenHash: await hashToken(token) });
    expect(findByTokenHash(doc, await hashToken(token))).toEqual({
      id: 'alice',
      name: 'Alice',
      role: 'participant',
      tokenHash: await hashToken(token),
      revoked: false,
      lastSeen: 0,
    });
    expect(findByTokenHash(doc, await hashToken(newToken()))).toBeNull();
    revokeParticipant(doc, 'alice');
    expect(readParticipant(doc, 'alice')?.revoked).toBe(true);
  });

  it('makes tokens of 32 random bytes in base64url, hashed to lowercase hex SHA-256', async () => {
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(token);
    expect(await hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('ignores entries that are not well formed and counts a missing `revoked` as revoked', () => {
    const doc = new Y.Doc();
    const entry = (fields: Record<string, unknown>): Y.Map<unknown> => {
      const map = new Y.Map<unknown>();
      for (const [key, value] of Object.entries(fields)) map.set(key, value);
      return map;
    };
    const hash = 'a'.repeat(64);
    participantsOf(doc).set('badRole', entry({ role: 'admin', tokenHash: hash, revoked: false }));
    participantsOf(doc).set('badHash', entry({ role: 'participant', tokenHash: 'A'.repeat(64), revoked: false }));
    participantsOf(doc).set('bad id', entry({ role: 'participant', tokenHash: hash, revoked: false }));
    participantsOf(doc).set('noRevoked', entry({ role: 'participant', tokenHash: 'b'.repeat(64) }));
    expect(listParticipants(doc).map((p) => [p.id, p.revoked])).toEqual([['noRevoked', true]]);
  });

  it('refuses a token hash that two entries share', () => {
    const doc = new Y.Doc();
    addParticipant(doc, { id: 'alice', name: 'Alice', role: 'participant', tokenHash: 'c'.repeat(64) });
    addParticipant(doc, { id: 'bob', name: 'Bob', role: 'participant', tokenHash: 'c'.repeat(64) });
    expect(findByTokenHash(doc, 'c'.repeat(64))).toBeNull();
  });
});
