/**
 * Skill `entra.joinersAndLeavers`: the people a joiner or leaver process is for, from the HR dates on their
 * directory objects: everyone whose leave date has passed but whose account is still enabled (however long
 * ago), everyone who left in the look-back window or leaves within the days ahead, and everyone who starts
 * within the days ahead. `employeeHireDate` and `employeeLeaveDateTime` filters are advanced directory
 * queries: Graph wants `ConsistencyLevel: eventual` and `$count=true` with them, so every request carries both.
 * Reading `employeeLeaveDateTime` needs `User-LifeCycleInfo.Read.All` besides `User.Read.All`.
 * Read-only; it never changes an account.
 */
import { z } from 'zod/v4';
import type { GraphClient } from '../../../clients/graph.js';
import {
  LIFECYCLE_USER_SELECT,
  type LifecycleUser,
  lifecycleUserSchema,
} from '../../../clients/graph-lifecycle-resources.js';
import { queryString } from '../../../clients/odata-literal.js';
import { defineSkill } from '../../types.js';

/** What `entra.joinersAndLeavers` returns. */
export interface JoinersAndLeavers {
  /** Leave date passed: enabled accounts first, then the most recent leavers first. */
  leavers: LifecycleUser[];
  /** Leave date within the days ahead, soonest first. */
  upcomingLeavers: LifecycleUser[];
  /** Hire date from today (UTC) to the days ahead, soonest first. */
  upcomingJoiners: LifecycleUser[];
  /** The window the lists cover (the enabled leavers are not limited to it). */
  since: string;
  until: string;
  /** A list had more people than were read. */
  truncated: boolean;
}

/** The skill's input. */
export const joinersAndLeaversInputSchema = z
  .object({
    /** Leavers whose leave date is at most this many days ago (enabled leavers are listed whatever the age). */
    lookbackDays: z.number().int().min(1).max(365).default(90),
    /** Joiners and leavers whose date is at most this many days ahead. */
    aheadDays: z.number().int().min(1).max(90).default(30),
    /** People read per list. */
    top: z.number().int().min(1).max(999).default(200),
  })
  .strict();

/** The headers Graph's advanced directory queries need. */
export const ADVANCED_QUERY_HEADERS: Readonly<Record<string, string>> = { ConsistencyLevel: 'eventual' };

const DAY_MS = 86_400_000;

/** `GET /users?$select=…&$filter=…&$count=true&$top=…`, the form every list here is read with. */
export function lifecycleUsersPath(filter: string, top: number): string {
  return `/users${queryString({
    $select: LIFECYCLE_USER_SELECT.join(','),
    $filter: filter,
    $count: 'true',
    $top: Math.min(top, 999),
  })}`;
}

const time = (iso: string | null | undefined): number => Date.parse(iso ?? '');

/** Creates the skill on a Graph client; `now` anchors "passed" and "ahead". */
export function joinersAndLeaversSkill(graph: GraphClient, now: () => Date) {
  return defineSkill({
    name: 'joinersAndLeavers',
    description:
      'Lists leavers whose leave date passed (accounts still enabled first), people leaving or starting within the next days, from employeeLeaveDateTime and employeeHireDate.',
    input: joinersAndLeaversInputSchema,
    async run(input, context): Promise<{ data: JoinersAndLeavers; requests: string[] }> {
      const at = now();
      const current = at.toISOString();
      const since = new Date(at.getTime() - input.lookbackDays * DAY_MS).toISOString();
      const until = new Date(at.getTime() + input.aheadDays * DAY_MS).toISOString();
      // Someone who starts today is still a joiner this afternoon: hires count from the start of the day (UTC).
      const today = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate())).toISOString();
      const paths = {
        enabledLeavers: lifecycleUsersPath(
          `accountEnabled eq true and employeeLeaveDateTime le ${current}`,
          input.top,
        ),
        leaveDates: lifecycleUsersPath(
          `employeeLeaveDateTime ge ${since} and employeeLeaveDateTime le ${until}`,
          input.top,
        ),
        hires: lifecycleUsersPath(`employeeHireDate ge ${today} and employeeHireDate le ${until}`, input.top),
      };
      const options = { signal: context.signal, maxItems: input.top, headers: { ...ADVANCED_QUERY_HEADERS } };
      const [enabledLeavers, leaveDates, hires] = await Promise.all([
        graph.list(paths.enabledLeavers, lifecycleUserSchema, options),
        graph.list(paths.leaveDates, lifecycleUserSchema, options),
        graph.list(paths.hires, lifecycleUserSchema, options),
      ]);

      // Graph filters already; these keep a source that ignores a filter from listing the wrong people.
      const nowMs = at.getTime();
      const left = (user: LifecycleUser) => time(user.employeeLeaveDateTime) <= nowMs;
      const byId = new Map<string, LifecycleUser>();
      for (const user of [...enabledLeavers.items, ...leaveDates.items]) {
        if (left(user) && !byId.has(user.id)) byId.set(user.id, user);
      }
      const leavers = [...byId.values()].sort(
        (a, b) =>
          Number(b.accountEnabled === true) - Number(a.accountEnabled === true) ||
          time(b.employeeLeaveDateTime) - time(a.employeeLeaveDateTime),
      );
      const untilMs = Date.parse(until);
      const soon = (iso: string | null | undefined) => time(iso) > nowMs && time(iso) <= untilMs;
      const upcomingLeavers = leaveDates.items
        .filter((user) => soon(user.employeeLeaveDateTime))
        .sort((a, b) => time(a.employeeLeaveDateTime) - time(b.employeeLeaveDateTime));
      const upcomingJoiners = hires.items
        .filter(
          (user) =>
            time(user.employeeHireDate) >= Date.parse(today) && time(user.employeeHireDate) <= untilMs,
        )
        .sort((a, b) => time(a.employeeHireDate) - time(b.employeeHireDate));
      return {
        data: {
          leavers,
          upcomingLeavers,
          upcomingJoiners,
          since,
          until,
          truncated: enabledLeavers.truncated || leaveDates.truncated || hires.truncated,
        },
        requests: Object.values(paths).map(
          (path) => `${graph.describe('GET', path)} (ConsistencyLevel: eventual)`,
        ),
      };
    },
  });
}
