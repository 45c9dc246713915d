import { describe, expect, it } from 'vitest';
import { invitationCode, invitationLink, parseInvitation, type Invitation } from '../../../src/shared/sync/invitation';

const invitation: Invitation = {
  server: 'ws://192.168.1.20:4455',
  expedition: 'exp-clermont',
  participant: 'p-amelie',
  name: 'Amélie Durand',
  token: 'q2H0yS1b9o4WfW0dRkTT3Mv0xK7lP2aXJc1yqF1x9sU',
};

describe('invitations', () => {
  it('reads back its link and its code, however they were pasted', () => {
    const link = invitationLink(invitation);
    const code = invitationCode(invitation);
    expect(link).toMatch(/^carnet:\/\/join\?server=ws%3A%2F%2F192\.168\.1\.20%3A4455&/);
    expect(code).toMatch(/^CARNET-[A-Za-z0-9_-]+$/);
    expect(parseInvitation(link)).toEqual({ ok: true, invitation });
    expect(parseInvitation(code)).toEqual({ ok: true, invitation });
    // Cut across lines by a chat, with spaces around: still the same invitation.
    expect(parseInvitation(`  ${code.slice(0, 20)}\n${code.slice(20)} `)).toEqual({ ok: true, invitation });
    // The prefix typed in lower case.
    expect(parseInvitation(`carnet-${code.slice('CARNET-'.length)}`)).toEqual({ ok: true, invitation });
  });

  it('says what is wrong with what is not an invitation', () => {
    expect(parseInvitation('')).toEqual({ ok: false, problem: 'empty' });
    expect(parseInvitation('   ')).toEqual({ ok: false, problem: 'empty' });
    expect(parseInvitation('https://exemple.fr/join')).toEqual({ ok: false, problem: 'unreadable' });
    expect(parseInvitation('CARNET-%%%')).toEqual({ ok: false, problem: 'unreadable' });
    expect(parseInvitation('CARNET-//8A')).toEqual({ ok: false, problem: 'unreadable' }); // not UTF-8
    // Truncated: the token is gone.
    expect(parseInvitation(invitationLink(invitation).replace(/&token=.*$/, ''))).toEqual({ ok: false, problem: 'unreadable' });
    // Cut a few characters short, the link or the code: its token is.
    for (const cut of [1, 5, 10]) {
      expect(parseInvitation(invitationLink(invitation).slice(0, -cut))).toEqual({ ok: false, problem: 'unreadable' });
      const code = invitationCode(invitation);
      expect(parseInvitation(code.slice(0, -cut)).ok).toBe(false);
    }
    // Ids outside the safe alphabet would name other documents.
    expect(parseInvitation(invitationLink({ ...invitation, expedition: '../access' }))).toEqual({ ok: false, problem: 'unreadable' });
    expect(parseInvitation(invitationLink({ ...invitation, name: 'x'.repeat(201) }))).toEqual({ ok: false, problem: 'unreadable' });
  });

  it('accepts only a ws: or wss: server, never another origin for the policy', () => {
    for (const server of ['http://192.168.1.20:4455', 'ws://user:pw@host:1', 'ws://host:1/path', "ws://host:1 'unsafe-inline'", 'javascript:alert(1)']) {
      expect(parseInvitation(invitationLink({ ...invitation, server })), server).toEqual({ ok: false, problem: 'server' });
    }
    expect(parseInvitation(invitationLink({ ...invitation, server: 'wss://sync.exemple.fr/' }))).toMatchObject({
      ok: true,
      invitation: { server: 'wss://sync.exemple.fr' },
    });
  });
});
