import type { TurnContext } from 'botbuilder';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Turn } from '../../../src/core/turn.js';
import { createChannelNames } from '../../../src/teams/channel-names.js';

const context = {} as TurnContext;
const log = pino({ level: 'silent' });

function channelTurn(channelId: string, name?: string): Turn {
  return {
    id: 'a1',
    user: { id: 'u1', aadObjectId: 'o1', name: 'Patti' },
    conversation: { id: `${channelId};messageid=1`, kind: 'channel', teamId: 'team-1', channelId, name },
    text: "what's new?",
  } as Turn;
}

function fakeTeam(channels: { id?: string; name?: string }[]) {
  const calls: string[] = [];
  return {
    calls,
    listChannels: async (_context: TurnContext, teamId: string) => {
      calls.push(teamId);
      return channels;
    },
  };
}

describe('channel names', () => {
  it('names a channel message from the team’s channel list, and the General channel "General"', async () => {
    const team = fakeTeam([{ id: 'c-general' }, { id: 'c-4211', name: 'incident-4211-adele' }]);
    const names = createChannelNames({ log, listChannels: team.listChannels });
    expect((await names.name(context, channelTurn('c-4211'))).conversation.name).toBe('incident-4211-adele');
    expect((await names.name(context, channelTurn('c-general'))).conversation.name).toBe('General');
  });

  it('reads a team once for concurrent and later messages until the cache expires', async () => {
    let clock = 0;
    const team = fakeTeam([{ id: 'c-4211', name: 'incident-4211-adele' }]);
    const names = createChannelNames({
      log,
      listChannels: team.listChannels,
      ttlMs: 1_000,
      now: () => clock,
    });
    await Promise.all(Array.from({ length: 10 }, () => names.name(context, channelTurn('c-4211'))));
    expect(team.calls).toHaveLength(1);
    clock = 999;
    await names.name(context, channelTurn('c-4211'));
    expect(team.calls).toHaveLength(1);
    clock = 1_000;
    await names.name(context, channelTurn('c-4211'));
    expect(team.calls).toHaveLength(2);
  });

  it('keeps a name Teams did send, and leaves chats and unknown channels alone', async () => {
    const team = fakeTeam([{ id: 'c-1', name: 'other' }]);
    const names = createChannelNames({ log, listChannels: team.listChannels });
    expect((await names.name(context, channelTurn('c-1', 'Incident 77'))).conversation.name).toBe(
      'Incident 77',
    );
    const chat = { ...channelTurn('c-1'), conversation: { id: 'a:1', kind: 'personal' } } as Turn;
    expect(await names.name(context, chat)).toBe(chat);
    expect((await names.name(context, channelTurn('c-unknown'))).conversation.name).toBeUndefined();
    expect(team.calls).toHaveLength(1);
  });

  it('answers unnamed when the lookup fails, and does not retry until the failure expires', async () => {
    let clock = 0;
    let calls = 0;
    const names = createChannelNames({
      log,
      now: () => clock,
      failureTtlMs: 60_000,
      listChannels: async () => {
        calls++;
        throw new Error('403 the bot is not in this team');
      },
    });
    expect((await names.name(context, channelTurn('c-4211'))).conversation.name).toBeUndefined();
    clock = 59_999;
    await names.name(context, channelTurn('c-4211'));
    expect(calls).toBe(1);
    clock = 60_000;
    await names.name(context, channelTurn('c-4211'));
    expect(calls).toBe(2);
  });

  it('keeps at most maxTeams teams', async () => {
    const seen: string[] = [];
    const names = createChannelNames({
      log,
      maxTeams: 2,
      listChannels: async (_context, teamId) => {
        seen.push(teamId);
        return [{ id: 'c', name: `channel of ${teamId}` }];
      },
    });
    const inTeam = (teamId: string) =>
      ({ ...channelTurn('c'), conversation: { ...channelTurn('c').conversation, teamId } }) as Turn;
    for (const teamId of ['t1', 't2', 't3', 't1']) await names.name(context, inTeam(teamId));
    expect(seen).toEqual(['t1', 't2', 't3', 't1']);
  });
});
