/**
 * Seeds the joiner and leaver story: Contoso's Lifecycle Workflows (an enabled, scheduled "Onboard new hire
 * employee" joiner workflow that lacks the Temporary Access Pass task; an "Offboard an employee" leaver
 * workflow that exists but was switched off six weeks ago and lacks "Remove user from all groups"; no mover
 * workflow at all) and the HR dates they trigger on: Nestor Wilke left nine days ago but his account is still
 * enabled, still holds Global Reader and is still in his groups (the finding an analyst must see); the first
 * disabled background employee left seven weeks ago and was offboarded properly (disabled, in no group); the
 * second disabled background employee starts in six days (a pre-hire account, disabled until day one); and a
 * Sales employee leaves in twelve days.
 * It never draws from the seed's random streams (ids are fixed, people are picked by rule), so adding it
 * changes nothing else in the tenant; it never changes an account's state, only adds the HR dates.
 */
import type { DemoUser } from '../demo-tenant-state.js';
import type { DemoLifecycleTask, DemoLifecycleWorkflow } from '../state/lifecycle-workflow.js';
import { SOC_TEAM, STORY_PEOPLE } from './people.js';
import { TIME } from './story-timeline.js';

/** Fixed ids of the seeded workflows. */
export const LIFECYCLE_WORKFLOW_IDS = {
  onboardNewHire: '7d1e4a20-3b5c-4f6d-8e9a-0b1c2d3e4f01',
  offboardEmployee: '7d1e4a20-3b5c-4f6d-8e9a-0b1c2d3e4f02',
} as const;

/** When the seeded HR dates fall, relative to `now()` (negative: in the past). */
export const LIFECYCLE_DATES = {
  /** Nestor Wilke's leave date: nine days ago. */
  nestorLeft: -9 * TIME.DAY,
  /** The properly offboarded leaver's leave date. */
  offboardedLeaverLeft: -47 * TIME.DAY,
  /** The upcoming joiner's hire date. */
  joinerStarts: 6 * TIME.DAY,
  /** The upcoming leaver's leave date. */
  upcomingLeaverLeaves: 12 * TIME.DAY,
  /** When "Offboard an employee" was switched off. */
  offboardingTurnedOff: -41 * TIME.DAY,
} as const;

/** The people the lifecycle story is about. */
export interface LifecyclePeople {
  /** Left, still enabled, still holds Global Reader and groups. */
  leaverStillEnabled: DemoUser;
  /** Left, disabled, in no group. */
  leaverOffboarded: DemoUser;
  /** Starts soon; the pre-hire account is disabled. */
  upcomingJoiner: DemoUser;
  /** Leaves soon; still working. */
  upcomingLeaver: DemoUser;
}

/** Picks the lifecycle story's people from a seeded directory, by rule (the same for every seed). */
export function pickLifecyclePeople(people: readonly DemoUser[]): LifecyclePeople {
  const named = new Set([...Object.values(STORY_PEOPLE), ...Object.values(SOC_TEAM)].map((p) => p.id));
  const background = people.filter((p) => !named.has(p.user.id) && p.user.userType === 'Member');
  const disabled = background.filter((p) => !p.user.accountEnabled);
  const leaverStillEnabled = people.find((p) => p.user.id === SOC_TEAM.nestor.id);
  const upcomingLeaver = background.find((p) => p.user.accountEnabled && p.user.department === 'Sales');
  const [leaverOffboarded, upcomingJoiner] = disabled;
  if (!leaverStillEnabled || !leaverOffboarded || !upcomingJoiner || !upcomingLeaver) {
    throw new Error(
      'seed inconsistency: the lifecycle story needs Nestor, two disabled and one Sales employee',
    );
  }
  return { leaverStillEnabled, leaverOffboarded, upcomingJoiner, upcomingLeaver };
}

const startOfDay = (iso: string) => `${iso.slice(0, 10)}T00:00:00.000Z`;
const at = (anchorMs: number, offsetMs: number) => new Date(anchorMs + offsetMs).toISOString();

/** The directory with the lifecycle story's HR dates set (new objects for those people; the rest as given). */
export function withLifecycleDates(people: readonly DemoUser[], anchorMs: number): DemoUser[] {
  const story = pickLifecyclePeople(people);
  const dates = new Map<string, { employeeHireDate: string; employeeLeaveDateTime: string | null }>([
    [
      story.leaverStillEnabled.user.id,
      {
        employeeHireDate: startOfDay(story.leaverStillEnabled.user.createdDateTime),
        employeeLeaveDateTime: at(anchorMs, LIFECYCLE_DATES.nestorLeft),
      },
    ],
    [
      story.leaverOffboarded.user.id,
      {
        employeeHireDate: startOfDay(story.leaverOffboarded.user.createdDateTime),
        employeeLeaveDateTime: at(anchorMs, LIFECYCLE_DATES.offboardedLeaverLeft),
      },
    ],
    [
      story.upcomingJoiner.user.id,
      { employeeHireDate: at(anchorMs, LIFECYCLE_DATES.joinerStarts), employeeLeaveDateTime: null },
    ],
    [
      story.upcomingLeaver.user.id,
      {
        employeeHireDate: startOfDay(story.upcomingLeaver.user.createdDateTime),
        employeeLeaveDateTime: at(anchorMs, LIFECYCLE_DATES.upcomingLeaverLeaves),
      },
    ],
  ]);
  return people.map((person) => {
    const set = dates.get(person.user.id);
    return set === undefined ? person : { ...person, user: { ...person.user, ...set } };
  });
}

function task(
  id: string,
  displayName: string,
  description: string,
  category: string,
  taskDefinitionId: string,
  executionSequence: number,
): DemoLifecycleTask {
  return {
    id,
    displayName,
    description,
    category,
    taskDefinitionId,
    isEnabled: true,
    executionSequence,
    continueOnError: false,
    arguments: [],
  };
}

/** Contoso's workflows: one joiner (on), one leaver (off), no mover. */
export function seedLifecycleWorkflows(anchorMs: number): DemoLifecycleWorkflow[] {
  const scope = {
    '@odata.type': '#microsoft.graph.identityGovernance.ruleBasedSubjectSet' as const,
    rule: "(companyName eq 'Contoso')",
  };
  const trigger = (timeBasedAttribute: string) => ({
    '@odata.type': '#microsoft.graph.identityGovernance.timeBasedAttributeTrigger' as const,
    timeBasedAttribute,
    offsetInDays: 0,
  });
  const conditions = '#microsoft.graph.identityGovernance.triggerAndScopeBasedConditions' as const;
  return [
    {
      id: LIFECYCLE_WORKFLOW_IDS.onboardNewHire,
      category: 'joiner',
      displayName: 'Onboard new hire employee',
      description: 'Configure new hire tasks for onboarding employees on their first day',
      isEnabled: true,
      isSchedulingEnabled: true,
      createdDateTime: at(anchorMs, -212 * TIME.DAY - 3 * TIME.HOUR),
      lastModifiedDateTime: at(anchorMs, -212 * TIME.DAY - 3 * TIME.HOUR),
      deletedDateTime: null,
      // The tenant's schedule runs workflows every three hours.
      nextScheduleRunDateTime: at(anchorMs, 2 * TIME.HOUR),
      version: 1,
      executionConditions: { '@odata.type': conditions, scope, trigger: trigger('employeeHireDate') },
      tasks: [
        task(
          '8e2f5b31-4c6d-4a7e-9fab-1c2d3e4f5a11',
          'Enable User Account',
          'Enable user account in the directory',
          'joiner,leaver',
          '6fc52c9d-398b-4305-9763-15f42c1676fc',
          1,
        ),
        task(
          '8e2f5b31-4c6d-4a7e-9fab-1c2d3e4f5a12',
          'Send Welcome Email',
          'Send welcome email to new hire',
          'joiner',
          '70b29d51-b59a-4773-9280-8841dfd3f2ea',
          2,
        ),
      ],
    },
    {
      id: LIFECYCLE_WORKFLOW_IDS.offboardEmployee,
      category: 'leaver',
      displayName: 'Offboard an employee',
      description: 'Configure offboarding tasks for employees on their last day of work',
      isEnabled: false,
      isSchedulingEnabled: false,
      createdDateTime: at(anchorMs, -212 * TIME.DAY - 2 * TIME.HOUR),
      lastModifiedDateTime: at(anchorMs, LIFECYCLE_DATES.offboardingTurnedOff),
      deletedDateTime: null,
      nextScheduleRunDateTime: null,
      version: 2,
      executionConditions: { '@odata.type': conditions, scope, trigger: trigger('employeeLeaveDateTime') },
      tasks: [
        task(
          '8e2f5b31-4c6d-4a7e-9fab-1c2d3e4f5a21',
          'Disable User Account',
          'Disable user account in the directory',
          'leaver',
          '1dfdfcc7-52fa-4c2e-bf3a-e3919cc12950',
          1,
        ),
        task(
          '8e2f5b31-4c6d-4a7e-9fab-1c2d3e4f5a22',
          'Remove user from all Teams',
          'Remove user from all Teams memberships',
          'leaver',
          '81f7b200-2816-4b3b-8c5d-dc556f07b024',
          2,
        ),
        task(
          '8e2f5b31-4c6d-4a7e-9fab-1c2d3e4f5a23',
          'Remove all licenses for user',
          'Remove all licenses assigned to the user',
          'leaver',
          '8fa97d28-3e52-4985-b3a9-a1126f9b8b4e',
          3,
        ),
      ],
    },
  ];
}
