/**
 * The users the planner has actually seen in one question: the resolved user and every user record in the
 * tool data (directory users, risky users, sign-ins and detections name theirs), as object id → display name
 * ("Name (upn)"). A model's proposal may only target one of these: an id the model made up, or copied from the
 * analyst's text without a tool having returned it, is not a target. It reads data; it never calls anything.
 */
import type { GraphUser } from '../../clients/graph-resources.js';

const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_NODES = 20_000;

/** Users seen so far, by lower-cased object id. */
export interface SeenUsers {
  /** Records a directory user. */
  addUser(user: GraphUser): void;
  /** Records every user record found in a tool result's data. */
  addFromData(data: unknown): void;
  /** The seen user with this id (any case): its id as the data spelled it and "Name (upn)"; undefined if unseen. */
  find(id: string): { id: string; displayName?: string } | undefined;
}

/** "Name (upn)", "Name", "upn" or undefined. */
export function userLabel(
  name: string | null | undefined,
  upn: string | null | undefined,
): string | undefined {
  if (name && upn && name !== upn) return `${name} (${upn})`;
  return name || upn || undefined;
}

/** An empty set of seen users, for one question. */
export function createSeenUsers(): SeenUsers {
  const users = new Map<string, { id: string; displayName?: string }>();
  const remember = (id: string, label: string | undefined) => {
    const key = id.toLowerCase();
    const known = users.get(key);
    // A fuller label (with the UPN) wins over one found earlier.
    if (!known) users.set(key, label ? { id, displayName: label } : { id });
    else if (label && (known.displayName?.length ?? 0) < label.length) known.displayName = label;
  };
  return {
    addUser(user) {
      if (OBJECT_ID.test(user.id)) remember(user.id, userLabel(user.displayName, user.userPrincipalName));
    },
    addFromData(data) {
      let visited = 0;
      const walk = (value: unknown, depth: number) => {
        if (value === null || typeof value !== 'object' || depth > 8 || ++visited > MAX_NODES) return;
        if (Array.isArray(value)) {
          for (const item of value) walk(item, depth + 1);
          return;
        }
        const record = value as Record<string, unknown>;
        const upn = typeof record.userPrincipalName === 'string' ? record.userPrincipalName : undefined;
        if (upn) {
          // A sign-in, a detection or a device names its user in `userId`; a user or risky user is `id` itself.
          const byUserId = typeof record.userId === 'string' && OBJECT_ID.test(record.userId);
          const id = byUserId
            ? (record.userId as string)
            : typeof record.id === 'string'
              ? record.id
              : undefined;
          if (id && OBJECT_ID.test(id)) {
            const name =
              typeof record.userDisplayName === 'string'
                ? record.userDisplayName
                : !byUserId && typeof record.displayName === 'string'
                  ? record.displayName
                  : undefined;
            remember(id, userLabel(name, upn));
          }
        }
        for (const item of Object.values(record)) walk(item, depth + 1);
      };
      walk(data, 0);
    },
    find(id) {
      const known = users.get(id.trim().toLowerCase());
      return known ? { ...known } : undefined;
    },
  };
}
