/**
 * The name of the channel a message was posted in. Teams sends a channel message with the channel's id only
 * (the name comes in `conversationUpdate` events, not with messages), yet the name is what links a channel to
 * its incident ("incident-4211-adele": "@Ward what's new?" needs no id). So Ward asks the Bot Framework for
 * the team's channels (`GET /v3/teams/{teamId}/conversations`, `TeamsInfo.getTeamChannels`) and caches them per
 * team for a few minutes; renames show up when the cache expires. A failed lookup leaves the turn unnamed
 * (the question still runs) and is not retried for a minute, so a team Ward cannot read is not hammered.
 */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Turn } from '../core/turn.js';

export interface ChannelNamesOptions {
  log: Logger;
  /** How long a team's channel list is kept; default 5 minutes. */
  ttlMs?: number;
  /** How long a failed lookup is remembered; default 1 minute. */
  failureTtlMs?: number;
  /** Teams kept at most (oldest dropped first); default 1,000. */
  maxTeams?: number;
  now?: () => number;
  /** The lookup; `TeamsInfo.getTeamChannels` by default (tests pass their own). */
  listChannels?: (context: TurnContext, teamId: string) => Promise<{ id?: string; name?: string }[]>;
}

export interface ChannelNames {
  /** `turn` with its channel's name filled in when Teams did not send it and the team's channels can be read. */
  name(context: TurnContext, turn: Turn): Promise<Turn>;
}

interface Entry {
  at: number;
  ok: boolean;
  names: Promise<ReadonlyMap<string, string>>;
}

/** Teams names the General channel nothing in the channel list; analysts know it as "General". */
const GENERAL = 'General';

export function createChannelNames(options: ChannelNamesOptions): ChannelNames {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const failureTtlMs = options.failureTtlMs ?? 60_000;
  const maxTeams = options.maxTeams ?? 1_000;
  const now = options.now ?? (() => Date.now());
  const listChannels =
    options.listChannels ??
    ((context: TurnContext, teamId: string) => TeamsInfo.getTeamChannels(context, teamId));
  const teams = new Map<string, Entry>();

  const channelsOf = (context: TurnContext, teamId: string): Promise<ReadonlyMap<string, string>> => {
    const cached = teams.get(teamId);
    if (cached && now() - cached.at < (cached.ok ? ttlMs : failureTtlMs)) return cached.names;
    const entry: Entry = {
      at: now(),
      ok: true,
      names: listChannels(context, teamId).then(
        (channels) =>
          new Map(
            channels.flatMap((channel) =>
              channel.id ? [[channel.id, channel.name?.trim() || GENERAL] as const] : [],
            ),
          ),
        (error: unknown) => {
          entry.ok = false;
          options.log.warn({ err: error, teamId }, 'could not read the team’s channel names');
          return new Map<string, string>();
        },
      ),
    };
    teams.delete(teamId);
    teams.set(teamId, entry);
    while (teams.size > maxTeams) teams.delete(teams.keys().next().value as string);
    return entry.names;
  };

  return {
    async name(context, turn) {
      const { kind, name, teamId, channelId } = turn.conversation;
      if (kind !== 'channel' || name || !teamId || !channelId) return turn;
      const found = (await channelsOf(context, teamId)).get(channelId);
      return found ? { ...turn, conversation: { ...turn.conversation, name: found } } : turn;
    },
  };
}
