/**
 * The demo tenant's joiner and leaver story: the HR dates land on four people only and add nothing else (no
 * random draws, no other field changed), the people are the ones the story needs whatever the seed, and the
 * seeded tenant tells it (Nestor enabled with Global Reader and his groups; the offboarded leaver disabled and
 * in no group; the workflows as described).
 */
import { describe, expect, it } from 'vitest';
import type { DemoUser } from '../../../src/demo/demo-tenant-state.js';
import { SOC_TEAM } from '../../../src/demo/seed/people.js';
import { seedDirectory } from '../../../src/demo/seed/seed-directory.js';
import {
  LIFECYCLE_DATES,
  pickLifecyclePeople,
  seedLifecycleWorkflows,
  withLifecycleDates,
} from '../../../src/demo/seed/seed-lifecycle.js';
import { seedTenant } from '../../../src/demo/seed/seed-tenant.js';
import { SeededRandom } from '../../../src/demo/seed/seeded-random.js';

const ANCHOR = Date.parse('2025-06-11T15:00:00.000Z');

const withoutDates = (person: DemoUser) => {
  const { employeeHireDate: _hire, employeeLeaveDateTime: _leave, ...user } = person.user;
  return { ...person, user };
};

describe('the lifecycle story in the demo seed', () => {
  it.each([4211, 99])('adds HR dates to four people only and changes nothing else (seed %i)', (seed) => {
    const directory = seedDirectory(SeededRandom.stream(seed, 'directory'), ANCHOR);
    const dated = withLifecycleDates(directory, ANCHOR);
    expect(dated.map(withoutDates)).toEqual(directory);
    const changed = dated.filter(
      (person) => person.user.employeeHireDate || person.user.employeeLeaveDateTime,
    );
    const story = pickLifecyclePeople(directory);
    expect(changed.map((person) => person.user.id).sort()).toEqual(
      Object.values(story)
        .map((person) => person.user.id)
        .sort(),
    );
  });

  it('picks the people the story needs: Nestor enabled, two disabled background employees, a Sales employee', () => {
    const story = pickLifecyclePeople(seedDirectory(SeededRandom.stream(4211, 'directory'), ANCHOR));
    expect(story.leaverStillEnabled.user.id).toBe(SOC_TEAM.nestor.id);
    expect(story.leaverStillEnabled.user.accountEnabled).toBe(true);
    expect(story.leaverOffboarded.user.accountEnabled).toBe(false);
    expect(story.upcomingJoiner.user.accountEnabled).toBe(false);
    expect(story.upcomingLeaver.user).toMatchObject({ accountEnabled: true, department: 'Sales' });
  });

  it('tells it in the seeded tenant: Nestor still holds Global Reader and his groups, the offboarded leaver nothing', () => {
    const state = seedTenant(4211, ANCHOR);
    const story = pickLifecyclePeople(state.users);
    const nestor = story.leaverStillEnabled.user;
    expect(Date.parse(nestor.employeeLeaveDateTime ?? '')).toBe(ANCHOR + LIFECYCLE_DATES.nestorLeft);
    const roles = state.directoryRoles.filter((role) => role.memberIds.includes(nestor.id));
    expect(roles.map((role) => role.role.displayName)).toEqual(['Global Reader']);
    expect(state.groups.filter((group) => group.memberIds.includes(nestor.id)).length).toBeGreaterThan(0);
    const offboarded = story.leaverOffboarded.user.id;
    expect(state.groups.some((group) => group.memberIds.includes(offboarded))).toBe(false);
    expect(state.roleAssignments.some((assignment) => assignment.principalId === offboarded)).toBe(false);
    expect(Date.parse(story.upcomingJoiner.user.employeeHireDate ?? '')).toBe(
      ANCHOR + LIFECYCLE_DATES.joinerStarts,
    );
    expect(state.lifecycleWorkflows).toEqual(seedLifecycleWorkflows(ANCHOR));
  });

  it('seeds a joiner workflow that is on, a leaver workflow that is off, and no mover workflow', () => {
    const workflows = seedLifecycleWorkflows(ANCHOR);
    expect(workflows.map((w) => [w.category, w.isEnabled, w.isSchedulingEnabled])).toEqual([
      ['joiner', true, true],
      ['leaver', false, false],
    ]);
    expect(workflows.every((w) => w.tasks.every((task) => task.isEnabled))).toBe(true);
  });
});
