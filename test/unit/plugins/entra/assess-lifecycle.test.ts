/**
 * The joiner, mover and leaver review case by case, on hand-built Graph data: processes with no workflow, a
 * workflow that is off or only on demand, key tasks missing (by definition id, and "revoke" by name), leavers
 * who can still sign in (severity by what they hold and whether they signed in since), leavers disabled but
 * still in groups, people leaving or starting with no workflow to handle them, and sources that failed:
 * Lifecycle Workflows without the Entra ID Governance licence, the HR dates, one leaver's access.
 */
import { describe, expect, it } from 'vitest';
import type {
  LifecycleTask,
  LifecycleUser,
  LifecycleWorkflow,
} from '../../../../src/clients/graph-lifecycle-resources.js';
import {
  assessLifecycleWorkflows,
  describeTrigger,
  type LifecycleEvidence,
} from '../../../../src/plugins/entra/assess-lifecycle-workflows.js';
import type { JoinersAndLeavers } from '../../../../src/plugins/entra/skills/joiners-and-leavers.js';
import type { PrivilegedRoleHolder } from '../../../../src/plugins/entra/skills/privileged-role-assignments.js';
import { daysAgo, NOW, signIn } from './fixtures.js';

const NESTOR = '00000000-0000-4000-8000-0000000000e1';
const JENNA = '00000000-0000-4000-8000-0000000000e2';
const DEF = {
  disable: '1dfdfcc7-52fa-4c2e-bf3a-e3919cc12950',
  removeAllGroups: 'b3a31406-2a15-4c9a-b25b-a658fa5f07fc',
  removeAllTeams: '81f7b200-2816-4b3b-8c5d-dc556f07b024',
  removeLicences: '8fa97d28-3e52-4985-b3a9-a1126f9b8b4e',
  customExtension: '4262b724-8dba-4fad-afc3-43fcbb497a0e',
  tap: '1b555e50-7f65-41d5-b514-5894a026d10d',
  welcome: '70b29d51-b59a-4773-9280-8841dfd3f2ea',
  addToGroups: '22085229-5809-45e8-97fd-270d28d66910',
  removeSelectedGroups: '1953a66c-751c-45e5-8bfe-01462c70da3c',
  notifyManager: 'aab41899-9972-422a-9d97-f626014578b7',
};

let taskCount = 0;
function task(taskDefinitionId: string, displayName = 'A task', isEnabled = true): LifecycleTask {
  taskCount += 1;
  return { id: `task-${taskCount}`, displayName, taskDefinitionId, isEnabled };
}

function workflow(
  overrides: Partial<LifecycleWorkflow> & { attribute?: string; offset?: number },
): LifecycleWorkflow {
  const { attribute = 'employeeLeaveDateTime', offset = 0, ...rest } = overrides;
  return {
    id: rest.displayName ?? 'w',
    category: 'leaver',
    displayName: 'Offboard an employee',
    isEnabled: true,
    isSchedulingEnabled: true,
    lastModifiedDateTime: daysAgo(41),
    executionConditions: {
      '@odata.type': '#microsoft.graph.identityGovernance.triggerAndScopeBasedConditions',
      scope: {
        '@odata.type': '#microsoft.graph.identityGovernance.ruleBasedSubjectSet',
        rule: "(department eq 'Sales')",
      },
      trigger: {
        '@odata.type': '#microsoft.graph.identityGovernance.timeBasedAttributeTrigger',
        timeBasedAttribute: attribute,
        offsetInDays: offset,
      },
    },
    tasks: [],
    ...rest,
  };
}

/** Every process covered, every key task present: the review's "nothing to say". */
const complete = [
  workflow({
    tasks: [
      task(DEF.disable),
      task(DEF.removeAllGroups),
      task(DEF.removeAllTeams),
      task(DEF.removeLicences),
      task(DEF.customExtension, 'Revoke all refresh tokens for user'),
    ],
  }),
  workflow({
    category: 'joiner',
    displayName: 'Onboard pre-hire employee',
    attribute: 'employeeHireDate',
    offset: -7,
    tasks: [task(DEF.tap), task(DEF.welcome)],
  }),
  workflow({
    category: 'mover',
    displayName: 'Employee group membership changes',
    executionConditions: {
      '@odata.type': '#microsoft.graph.identityGovernance.triggerAndScopeBasedConditions',
      trigger: {
        '@odata.type': '#microsoft.graph.identityGovernance.attributeChangeTrigger',
        triggerAttributes: [{ name: 'department' }],
      },
    },
    tasks: [task(DEF.removeSelectedGroups), task(DEF.addToGroups), task(DEF.notifyManager)],
  }),
];

function user(overrides: Partial<LifecycleUser>): LifecycleUser {
  return {
    id: NESTOR,
    displayName: 'Nestor Wilke',
    userPrincipalName: 'nestor.wilke@contoso.com',
    jobTitle: 'Director',
    department: 'Operations',
    accountEnabled: true,
    employeeLeaveDateTime: daysAgo(9),
    ...overrides,
  };
}

const FELIX = user({
  id: '00000000-0000-4000-8000-0000000000e3',
  displayName: 'Felix Wang',
  userPrincipalName: 'felix.wang@contoso.com',
  accountEnabled: false,
  employeeLeaveDateTime: null,
  employeeHireDate: daysAgo(-6),
});

/** By default someone starts in six days: with a joiner workflow on, nothing to say about them. */
function people(overrides: Partial<JoinersAndLeavers> = {}): JoinersAndLeavers {
  return {
    leavers: [],
    upcomingLeavers: [],
    upcomingJoiners: [FELIX],
    since: daysAgo(90),
    until: new Date(NOW.getTime() + 30 * 86_400_000).toISOString(),
    truncated: false,
    ...overrides,
  };
}

function holder(roleName: string, assignment: 'active' | 'eligible' = 'active'): PrivilegedRoleHolder {
  return { roleDefinitionId: roleName, roleName, assignment, principalId: NESTOR };
}

function evidence(overrides: Partial<LifecycleEvidence> = {}): LifecycleEvidence {
  return {
    workflows: complete.map((w) => ({ workflow: w, details: true })),
    people: people(),
    memberships: new Map(),
    roles: new Map(),
    signIns: new Map(),
    now: NOW,
    ...overrides,
  };
}

const titles = (e: LifecycleEvidence) => assessLifecycleWorkflows(e).findings.map((f) => f.title);

describe('the processes', () => {
  it('finds nothing when every process has an enabled, scheduled workflow with its key tasks', () => {
    const review = assessLifecycleWorkflows(evidence());
    expect(review.findings).toEqual([]);
    expect(review.riskLevel).toBe('none');
    expect(review.summary).toMatch(/no gaps/);
    expect(review.facts[0]).toEqual({
      label: 'Lifecycle workflows',
      value: 'joiner: 1 on; mover: 1 on; leaver: 1 on',
      source: 'workflows',
    });
    expect(review.remediation).toEqual([]);
  });

  it('says which process has no workflow at all, the leaver one worst', () => {
    const review = assessLifecycleWorkflows(evidence({ workflows: [] }));
    expect(review.findings.map((f) => [f.title, f.severity])).toEqual([
      ['No leaver workflow', 'high'],
      ['No mover workflow', 'medium'],
      ['No joiner workflow', 'low'],
      // Felix starts in six days, and nothing will prepare his account.
      ['1 person starts soon and no joiner workflow will prepare them', 'low'],
    ]);
    expect(review.remediation.map((step) => step.title)).toEqual([
      'Create a leaver workflow from the "Offboard an employee" template',
      'Add a mover workflow from "Employee group membership changes"',
      'Onboard with a Temporary Access Pass: "Onboard pre-hire employee"',
    ]);
    expect(review.remediation[0]?.detail).toMatch(/Real-time employee termination/);
  });

  it('calls a leaver workflow that is off a high finding, and checks its tasks anyway', () => {
    const off = workflow({
      isEnabled: false,
      isSchedulingEnabled: false,
      tasks: [task(DEF.disable), task(DEF.removeAllTeams), task(DEF.removeLicences)],
    });
    const review = assessLifecycleWorkflows(
      evidence({ workflows: [off, complete[1]!, complete[2]!].map((w) => ({ workflow: w, details: true })) }),
    );
    const [first, second] = review.findings;
    expect(first).toMatchObject({ title: 'Leaver workflow off: Offboard an employee', severity: 'high' });
    expect(first?.detail).toMatch(/Last changed 41 d ago/);
    expect(second?.title).toBe(
      'Offboard an employee lacks Remove user from all groups, Revoke all refresh tokens for user',
    );
    expect(second?.severity).toBe('medium');
    expect(second?.detail).toMatch(/Checked although the workflow is off/);
    expect(review.remediation.map((step) => step.title)).toEqual([
      'Turn on "Offboard an employee"',
      'Add the missing leaver tasks to Offboard an employee',
    ]);
  });

  it('flags a leaver workflow that only runs on demand', () => {
    const onDemand = workflow({
      displayName: 'Real-time employee termination',
      isSchedulingEnabled: false,
      executionConditions: { '@odata.type': '#microsoft.graph.identityGovernance.onDemandExecutionOnly' },
      tasks: complete[0]!.tasks,
    });
    const review = assessLifecycleWorkflows(
      evidence({
        workflows: [onDemand, complete[1]!, complete[2]!].map((w) => ({ workflow: w, details: true })),
      }),
    );
    expect(review.findings.map((f) => [f.title, f.severity])).toEqual([
      ['Leaver workflows run only on demand', 'medium'],
    ]);
    expect(review.evidence[0]?.rows[0]?.slice(2, 4)).toEqual(['on, on demand only', 'on demand only']);
  });

  it('recognises the revoke task by name, and ignores tasks that are off', () => {
    const withoutRevoke = workflow({
      tasks: [
        task(DEF.disable),
        task(DEF.removeAllGroups),
        task(DEF.removeAllTeams),
        task(DEF.removeLicences),
        task(DEF.customExtension, 'Revoke all refresh tokens for user', false),
      ],
    });
    expect(
      titles(
        evidence({
          workflows: [withoutRevoke, complete[1]!, complete[2]!].map((w) => ({ workflow: w, details: true })),
        }),
      ),
    ).toEqual(['Offboard an employee lacks Revoke all refresh tokens for user']);
  });

  it('does not judge the tasks of a workflow it could not read in detail', () => {
    const listed = { ...complete[0]!, tasks: undefined, executionConditions: undefined };
    const review = assessLifecycleWorkflows(
      evidence({
        workflows: [
          { workflow: listed, details: false },
          ...complete.slice(1).map((w) => ({ workflow: w, details: true })),
        ],
      }),
    );
    expect(review.findings).toEqual([]);
    expect(review.evidence[0]?.rows[0]).toEqual([
      'Offboard an employee',
      'leaver',
      'on, scheduled',
      'not read',
      'not read',
      'not read',
    ]);
  });

  it('describes triggers in words', () => {
    expect(describeTrigger(complete[0]!)).toBe('on employeeLeaveDateTime');
    expect(describeTrigger(complete[1]!)).toBe('7 d before employeeHireDate');
    expect(describeTrigger(complete[2]!)).toBe('when department changes');
    expect(describeTrigger(workflow({ offset: 7 }))).toBe('7 d after employeeLeaveDateTime');
    expect(
      describeTrigger(
        workflow({
          executionConditions: { '@odata.type': '#microsoft.graph.identityGovernance.onDemandExecutionOnly' },
        }),
      ),
    ).toBe('on demand only');
  });
});

describe('the people', () => {
  const offboardOff = [
    workflow({ isEnabled: false, isSchedulingEnabled: false, tasks: complete[0]!.tasks }),
    complete[1]!,
    complete[2]!,
  ].map((w) => ({ workflow: w, details: true }));

  it('makes a leaver who can still sign in and holds a directory role a high finding, and proposes containment', () => {
    const review = assessLifecycleWorkflows(
      evidence({
        workflows: offboardOff,
        people: people({ leavers: [user({})] }),
        memberships: new Map([
          [
            NESTOR,
            {
              groups: [
                { id: 'g1', displayName: 'Operations Team' },
                { id: 'g2', displayName: 'All Employees' },
              ],
              directoryRoles: [{ id: 'r1', displayName: 'Global Reader' }],
            },
          ],
        ]),
        roles: new Map([[NESTOR, []]]),
        signIns: new Map([
          [
            NESTOR,
            [
              signIn({
                createdDateTime: daysAgo(3),
                appDisplayName: 'Microsoft Office',
                location: { city: 'Redmond' },
              }),
              signIn({ createdDateTime: daysAgo(2), status: { errorCode: 50126 } }),
              signIn({ createdDateTime: daysAgo(12) }),
            ],
          ],
        ]),
      }),
    );
    const leaver = review.findings.find((f) => f.principals?.includes(NESTOR));
    expect(leaver).toMatchObject({
      title: 'Nestor Wilke left 9 d ago and can still sign in',
      severity: 'high',
    });
    expect(leaver?.detail).toMatch(
      /Still holds the directory role Global Reader\. Still a member of Operations Team, All Employees\./,
    );
    // Only successful sign-ins after the leave date count.
    expect(leaver?.detail).toMatch(
      /Signed in 1 time since leaving \(latest 3 d ago, Microsoft Office from Redmond\)/,
    );
    expect(leaver?.detail).toMatch(/"Offboard an employee" is off, so nothing offboarded them/);
    expect(leaver?.sources).toEqual(['people', 'access', 'signIns']);
    // At one severity, the person before the process gap.
    expect(review.findings[0]).toBe(leaver);
    expect(review.containment).toEqual([
      expect.objectContaining({ userId: NESTOR, displayName: 'Nestor Wilke', severity: 'high' }),
    ]);
    expect(review.remediation[0]).toMatchObject({
      title: 'Contain the leavers who can still sign in',
      action: 'disableAccount',
    });
    expect(review.followUps[0]).toBe('is nestor.wilke@contoso.com compromised?');
    expect(review.evidence[1]?.rows[0]).toEqual([
      'Nestor Wilke (nestor.wilke@contoso.com)',
      'left',
      `${daysAgo(9).slice(0, 10)} (9 d ago)`,
      'enabled',
      'role Global Reader; 2 groups (Operations Team, All Employees)',
    ]);
  });

  it('makes it critical when the leaver can still become Global Administrator', () => {
    const review = assessLifecycleWorkflows(
      evidence({
        people: people({ leavers: [user({})] }),
        roles: new Map([[NESTOR, [holder('Global Administrator', 'eligible')]]]),
      }),
    );
    expect(review.riskLevel).toBe('critical');
    expect(review.findings[0]?.detail).toMatch(/eligible for Global Administrator/);
  });

  it('makes an enabled leaver with nothing else medium, and says the scheduled workflow should have run', () => {
    const review = assessLifecycleWorkflows(
      evidence({
        people: people({ leavers: [user({})] }),
        memberships: new Map([[NESTOR, { groups: [], directoryRoles: [] }]]),
        roles: new Map([[NESTOR, []]]),
        signIns: new Map([[NESTOR, []]]),
      }),
    );
    expect(review.findings[0]?.severity).toBe('medium');
    expect(review.findings[0]?.detail).toMatch(/No successful sign-in since leaving/);
    expect(review.findings[0]?.detail).toMatch(
      /"Offboard an employee" \(on employeeLeaveDateTime\) should have run for them: check its run history and scope \(\(department eq 'Sales'\)\)/,
    );
  });

  it('notes a disabled leaver who still holds groups, and counts a clean one as offboarded', () => {
    const review = assessLifecycleWorkflows(
      evidence({
        people: people({
          leavers: [
            user({
              id: JENNA,
              displayName: 'Jenna Bennett',
              userPrincipalName: 'jenna.bennett@contoso.com',
              accountEnabled: false,
            }),
            user({ accountEnabled: false, employeeLeaveDateTime: daysAgo(60) }),
          ],
        }),
        memberships: new Map([
          [JENNA, { groups: [{ id: 'g1', displayName: 'Marketing Team' }], directoryRoles: [] }],
          [NESTOR, { groups: [], directoryRoles: [] }],
        ]),
        roles: new Map([
          [JENNA, []],
          [NESTOR, []],
        ]),
      }),
    );
    expect(review.findings.map((f) => [f.title, f.severity])).toEqual([
      ['Jenna Bennett left 9 d ago: disabled, but still holds access', 'low'],
    ]);
    expect(review.containment).toEqual([]);
    expect(review.facts.find((f) => f.label === 'Leavers (leave date passed)')?.value).toBe(
      '2: 0 still enabled, 2 disabled',
    );
    expect(review.evidence[1]?.rows.slice(0, 2).map((row) => row[4])).toEqual([
      '1 group (Marketing Team)',
      'nothing',
    ]);
  });

  it('warns about people leaving or starting soon when no workflow will run for them', () => {
    const review = assessLifecycleWorkflows(
      evidence({
        workflows: [],
        people: people({
          upcomingLeavers: [user({ displayName: 'Rahul Petrov', employeeLeaveDateTime: daysAgo(-12) })],
          upcomingJoiners: [
            user({
              displayName: 'Felix Wang',
              accountEnabled: false,
              employeeLeaveDateTime: null,
              employeeHireDate: daysAgo(-6),
            }),
          ],
        }),
      }),
    );
    const found = review.findings.map((f) => f.title);
    expect(found).toContain('1 person leaves soon and no leaver workflow will run');
    expect(found).toContain('1 person starts soon and no joiner workflow will prepare them');
    expect(review.findings.find((f) => f.title.startsWith('1 person leaves'))?.detail).toMatch(
      /Rahul Petrov \(in 12 d\)/,
    );
  });

  it('says when nobody has a hire or leave date', () => {
    const none = assessLifecycleWorkflows(evidence({ people: people({ upcomingJoiners: [] }) }));
    expect(none.findings.map((f) => [f.title, f.severity])).toEqual([
      ['No hire or leave dates found', 'low'],
    ]);
    expect(none.findings[0]?.detail).toMatch(/HR provisioning/);
  });
});

describe('sources that failed', () => {
  it('explains Lifecycle Workflows without the licence, and still reviews the leavers', () => {
    const review = assessLifecycleWorkflows(
      evidence({
        workflows: undefined,
        workflowsError:
          'Lifecycle Workflows need Microsoft Entra ID Governance: Microsoft Graph says the tenant does not have the licence (403 NoLicense).',
        people: people({ leavers: [user({})] }),
      }),
    );
    expect(review.summary).toMatch(
      /Could not check: lifecycle workflows \(Lifecycle Workflows need Microsoft Entra ID Governance: Microsoft Graph says the tenant does not have the licence \(403 NoLicense\)\)/,
    );
    expect(review.findings.map((f) => f.title)).toEqual(['Nestor Wilke left 9 d ago and can still sign in']);
    // Nothing is said about workflows Ward could not read.
    expect(review.findings[0]?.detail).not.toMatch(/workflow/);
    expect(review.remediation.map((step) => step.title)).toContain(
      'Lifecycle Workflows need Microsoft Entra ID Governance',
    );
    expect(review.facts.some((fact) => fact.source === 'workflows')).toBe(false);
  });

  it('says the HR dates could not be read instead of "no leavers"', () => {
    const review = assessLifecycleWorkflows(evidence({ people: undefined }));
    expect(review.riskLevel).toBe('unknown');
    expect(review.verdict).toBe('incomplete');
    expect(review.summary).toMatch(/Could not check: joiners and leavers/);
    expect(review.findings).toEqual([]);
  });

  it("says one leaver's access could not be read, and does not cite it", () => {
    const review = assessLifecycleWorkflows(
      evidence({
        people: people({ leavers: [user({})] }),
        memberships: new Map([[NESTOR, undefined]]),
        roles: new Map([[NESTOR, undefined]]),
      }),
    );
    expect(review.summary).toMatch(/Could not check: what Nestor Wilke still holds/);
    expect(review.findings[0]?.sources).toEqual(['people']);
    expect(review.evidence[1]?.rows[0]?.[4]).toBe('unavailable');
  });
});
