/**
 * The Lifecycle Workflows tasks a joiner, mover or leaver process must have for access to follow people, by
 * built-in task definition id (the same in every tenant, from Microsoft's task catalogue), and Microsoft's
 * workflow templates Ward names when a process is missing. Data, and one function that says which of these a
 * workflow's tasks cover. It never reads a tenant.
 */
import type { LifecycleTask } from '../../clients/graph-lifecycle-resources.js';

/** The lifecycle processes (`workflow.category`). */
export type LifecycleCategory = 'joiner' | 'mover' | 'leaver';
export const LIFECYCLE_CATEGORIES: readonly LifecycleCategory[] = ['joiner', 'mover', 'leaver'];

/** One thing a process should do, and how Ward recognises the task that does it. */
export interface KeyLifecycleTask {
  key: string;
  /** What the task does, in the task catalogue's words. */
  name: string;
  /** Built-in task definitions that do it. */
  definitionIds: readonly string[];
  /** For tasks Ward has no definition id for: the display-name pattern that recognises them. */
  namePattern?: RegExp;
  /** Why it matters when it is missing, said of the person the process is for. */
  whyMissing: string;
}

/** What a leaver process must do so nothing of a person's access outlives their employment. */
export const LEAVER_TASKS: readonly KeyLifecycleTask[] = [
  {
    key: 'disableAccount',
    name: 'Disable user account',
    definitionIds: ['1dfdfcc7-52fa-4c2e-bf3a-e3919cc12950'],
    whyMissing: 'the account can still sign in after the last day',
  },
  {
    key: 'removeAllGroups',
    name: 'Remove user from all groups',
    definitionIds: ['b3a31406-2a15-4c9a-b25b-a658fa5f07fc'],
    whyMissing: 'group memberships, and the apps, files and roles they grant, stay with the leaver',
  },
  {
    key: 'removeAllTeams',
    name: 'Remove user from all Teams',
    definitionIds: ['81f7b200-2816-4b3b-8c5d-dc556f07b024'],
    whyMissing: "the leaver stays in every team's chats and files",
  },
  {
    key: 'removeLicences',
    name: 'Remove all licenses for user',
    definitionIds: ['8fa97d28-3e52-4985-b3a9-a1126f9b8b4e', '5fc402a8-daaf-4b7b-9203-da868b05fc5f'],
    whyMissing: 'mailbox, OneDrive and app licences stay assigned',
  },
  {
    key: 'revokeSessions',
    name: 'Revoke all refresh tokens for user',
    definitionIds: [],
    namePattern: /\brevoke\b.*\b(?:token|tokens|session|sessions)\b/i,
    whyMissing:
      'sessions already open (refresh tokens, browser cookies) keep working after the account is disabled',
  },
];

/** What a joiner process should do so a new hire starts with a strong credential. */
export const JOINER_TASKS: readonly KeyLifecycleTask[] = [
  {
    key: 'temporaryAccessPass',
    name: "Generate Temporary Access Pass and send via email to user's manager",
    definitionIds: ['1b555e50-7f65-41d5-b514-5894a026d10d'],
    whyMissing: 'new hires get a password instead of a Temporary Access Pass to register MFA or a passkey',
  },
  {
    key: 'welcomeEmail',
    name: 'Send welcome email to new hire',
    definitionIds: ['70b29d51-b59a-4773-9280-8841dfd3f2ea'],
    whyMissing: 'nobody tells the new hire how to sign in the first time',
  },
];

/** What a mover process should do so access follows a change of job instead of piling up. */
export const MOVER_TASKS: readonly KeyLifecycleTask[] = [
  {
    key: 'groupChanges',
    name: 'Remove user from selected groups / Add user to groups',
    definitionIds: ['1953a66c-751c-45e5-8bfe-01462c70da3c', '22085229-5809-45e8-97fd-270d28d66910'],
    whyMissing: "the old job's groups stay when someone changes job",
  },
  {
    key: 'notifyManager',
    name: 'Send email to notify manager of user move',
    definitionIds: ['aab41899-9972-422a-9d97-f626014578b7'],
    whyMissing: 'the new manager is not asked to review what the mover keeps',
  },
];

/** The key tasks of each process. */
export const KEY_TASKS: Readonly<Record<LifecycleCategory, readonly KeyLifecycleTask[]>> = {
  joiner: JOINER_TASKS,
  mover: MOVER_TASKS,
  leaver: LEAVER_TASKS,
};

/** Microsoft's built-in workflow templates, by what Ward recommends them for. */
export const WORKFLOW_TEMPLATES = {
  offboard: 'Offboard an employee',
  realTimeTermination: 'Real-time employee termination',
  postOffboarding: 'Post-Offboarding of an employee',
  preHire: 'Onboard pre-hire employee',
  newHire: 'Onboard new hire employee',
  groupMembershipChanges: 'Employee group membership changes',
  jobProfileChange: 'Employee job profile change',
} as const;

/** The key tasks of `category` that `tasks` cover (enabled tasks only), and those they do not. */
export function coverKeyTasks(
  category: LifecycleCategory,
  tasks: readonly LifecycleTask[],
): { present: KeyLifecycleTask[]; missing: KeyLifecycleTask[] } {
  const enabled = tasks.filter((task) => task.isEnabled);
  const present: KeyLifecycleTask[] = [];
  const missing: KeyLifecycleTask[] = [];
  for (const key of KEY_TASKS[category]) {
    const covered = enabled.some(
      (task) =>
        key.definitionIds.includes(task.taskDefinitionId.toLowerCase()) ||
        (key.namePattern?.test(task.displayName) ?? false),
    );
    (covered ? present : missing).push(key);
  }
  return { present, missing };
}

/** The category of a workflow as Ward reads it; undefined for a value Graph added later. */
export function lifecycleCategory(value: string): LifecycleCategory | undefined {
  const lower = value.toLowerCase();
  return (LIFECYCLE_CATEGORIES as readonly string[]).includes(lower)
    ? (lower as LifecycleCategory)
    : undefined;
}
