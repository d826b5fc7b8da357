/**
 * The joiner, mover and leaver review: from the tenant's Lifecycle Workflows and the people their HR dates
 * say are leaving, have left or are starting (with what each leaver still holds: an enabled account, groups,
 * directory roles, sign-ins since the leave date), to findings an identity admin acts on: a process with no
 * workflow or a workflow that is off or never scheduled, key tasks a workflow lacks ("Remove user from all
 * groups"), and the people those gaps already affect ("Nestor Wilke left 9 d ago and can still sign in").
 * Remediation names Microsoft's workflow templates. Computed from the data, never per tenant; a source that
 * failed (`undefined`) is reported as unknown, never as "no finding". Pure: no I/O, no clock.
 */
import type { LifecycleUser, LifecycleWorkflow } from '../../clients/graph-lifecycle-resources.js';
import type { SignIn } from '../../clients/graph-resources.js';
import { formatAgo, formatDay } from '../format-when.js';
import type { Level } from './assess-user-risk.js';
import {
  coverKeyTasks,
  type KeyLifecycleTask,
  LIFECYCLE_CATEGORIES,
  type LifecycleCategory,
  lifecycleCategory,
  WORKFLOW_TEMPLATES,
} from './lifecycle-tasks.js';
import type { JoinersAndLeavers } from './skills/joiners-and-leavers.js';
import type { LifecycleWorkflowEntry } from './skills/lifecycle-workflows.js';
import type { Memberships } from './skills/member-of.js';
import type { PrivilegedRoleHolder } from './skills/privileged-role-assignments.js';
import { SEVERITY_ORDER, summariseFindings } from './summarise-findings.js';

/** Which piece of evidence a statement rests on; the planner maps these to citations. */
export type LifecycleEvidenceKey = 'workflows' | 'people' | 'access' | 'signIns';

/** What the review reads. Per-person maps: a read that failed maps to `undefined`; a person not read is absent. */
export interface LifecycleEvidence {
  workflows: LifecycleWorkflowEntry[] | undefined;
  /** Why the workflows could not be read, when they could not (it explains a missing licence). */
  workflowsError?: string;
  people: JoinersAndLeavers | undefined;
  /** Groups and directory roles of leavers, by user id. */
  memberships: ReadonlyMap<string, Memberships | undefined>;
  /** Privileged roles (active or PIM-eligible) of leavers, by user id. */
  roles: ReadonlyMap<string, PrivilegedRoleHolder[] | undefined>;
  /** Recent sign-ins of leavers whose accounts are enabled, by user id. */
  signIns: ReadonlyMap<string, SignIn[] | undefined>;
  now: Date;
}

/** One finding, with the evidence it rests on and the people whose reads it used. */
export interface LifecycleFinding {
  title: string;
  detail?: string;
  severity: Level;
  when?: string;
  sources: LifecycleEvidenceKey[];
  /** User ids whose access or sign-in reads this finding rests on. */
  principals?: string[];
}

/** A leaver Ward proposes to contain (disable the account, revoke sessions). */
export interface LeaverContainment {
  userId: string;
  displayName: string;
  userPrincipalName?: string;
  why: string;
  severity: Level;
}

/** The review, ready for a planner to cite. */
export interface LifecycleAssessment {
  riskLevel: Level;
  verdict: string;
  summary: string;
  facts: { label: string; value: string; source: LifecycleEvidenceKey }[];
  findings: LifecycleFinding[];
  evidence: { title: string; columns: string[]; rows: string[][]; source: LifecycleEvidenceKey }[];
  remediation: { title: string; detail?: string; action?: 'disableAccount' }[];
  /** Enabled leavers, most urgent first. */
  containment: LeaverContainment[];
  followUps: string[];
}

/** Roles that own the tenant: a leaver holding one is the worst case. */
const TENANT_OWNER_ROLES = new Set(['Global Administrator', 'Privileged Role Administrator']);
const LEAVE_ATTRIBUTE = 'employeeLeaveDateTime';

/** How bad a missing or idle process is, by process. */
const GAP_SEVERITY: Readonly<Record<LifecycleCategory, Level>> = {
  leaver: 'high',
  mover: 'medium',
  joiner: 'low',
};

const PROCESS_WORDS: Readonly<Record<LifecycleCategory, { none: string; risk: string }>> = {
  leaver: {
    none: 'Nothing disables accounts, removes groups, Teams and licences or revokes sessions when someone leaves',
    risk: 'accounts of people who left stay usable until someone remembers them',
  },
  mover: {
    none: "Nothing changes anyone's groups when they change department or job",
    risk: 'access from every earlier job piles up (privilege creep)',
  },
  joiner: {
    none: 'Nothing prepares new hires: no Temporary Access Pass, no welcome email, no starting groups',
    risk: 'new hires start with a password someone sent them, and get access by hand',
  },
};

/** "on employeeLeaveDateTime", "7 d before employeeHireDate", "when department changes", "on demand only". */
export function describeTrigger(workflow: LifecycleWorkflow): string {
  const conditions = workflow.executionConditions;
  const trigger = conditions?.trigger;
  if (conditions?.['@odata.type'].toLowerCase().endsWith('ondemandexecutiononly') || !trigger) {
    return conditions ? 'on demand only' : 'not read';
  }
  const type = trigger['@odata.type'].replace(/^#?microsoft\.graph\.identityGovernance\./i, '');
  switch (type.toLowerCase()) {
    case 'timebasedattributetrigger': {
      const attribute = trigger.timeBasedAttribute ?? 'a date';
      const offset = trigger.offsetInDays ?? 0;
      if (offset === 0) return `on ${attribute}`;
      return `${Math.abs(offset)} d ${offset < 0 ? 'before' : 'after'} ${attribute}`;
    }
    case 'attributechangetrigger': {
      const names = (trigger.triggerAttributes ?? []).map((attribute) => attribute.name);
      return names.length ? `when ${names.join(' or ')} changes` : 'when an attribute changes';
    }
    case 'membershipchangetrigger':
      return `when added to or removed from a group${trigger.changeType ? ` (${trigger.changeType})` : ''}`;
    case 'usercreatedtrigger':
      return 'when the user is created';
    default:
      return type;
  }
}

function describeScope(workflow: LifecycleWorkflow): string {
  const scope = workflow.executionConditions?.scope;
  if (!scope) return workflow.executionConditions ? 'anyone it is run for' : 'not read';
  if (scope.rule) return scope.rule;
  const groups = (scope.groups ?? []).map((group) => group.displayName ?? group.id);
  return groups.length ? `members of ${groups.join(', ')}` : 'everyone';
}

function stateText(workflow: LifecycleWorkflow): string {
  if (!workflow.isEnabled) return 'off';
  return workflow.isSchedulingEnabled ? 'on, scheduled' : 'on, on demand only';
}

/** The leave-date trigger of an enabled, scheduled leaver workflow, so "it should have run" can be said. */
function runsOnLeaveDate(workflow: LifecycleWorkflow): boolean {
  const trigger = workflow.executionConditions?.trigger;
  return (
    workflow.isEnabled &&
    workflow.isSchedulingEnabled &&
    trigger?.timeBasedAttribute?.toLowerCase() === LEAVE_ATTRIBUTE.toLowerCase()
  );
}

function personLabel(user: LifecycleUser): string {
  const name = user.displayName ?? user.userPrincipalName ?? user.id;
  const upn = user.userPrincipalName;
  return upn && upn !== name ? `${name} (${upn})` : name;
}

function roleText(holder: PrivilegedRoleHolder): string {
  return holder.assignment === 'eligible' ? `eligible for ${holder.roleName}` : holder.roleName;
}

function listed(values: readonly string[], max = 6): string {
  if (values.length <= max) return values.join(', ');
  return `${values.slice(0, max).join(', ')} and ${values.length - max} more`;
}

const taskNames = (tasks: readonly KeyLifecycleTask[]) => tasks.map((task) => task.name);

/** Reviews the tenant's joiner, mover and leaver processes. */
export function assessLifecycleWorkflows(evidence: LifecycleEvidence): LifecycleAssessment {
  const { now } = evidence;
  const findings: LifecycleFinding[] = [];
  const facts: LifecycleAssessment['facts'] = [];
  const tables: LifecycleAssessment['evidence'] = [];
  const remediation: LifecycleAssessment['remediation'] = [];
  const containment: LeaverContainment[] = [];
  const unknown: string[] = [];

  // What the workflows say, by process: undefined when they could not be read.
  const byCategory = new Map<LifecycleCategory, LifecycleWorkflow[]>(
    LIFECYCLE_CATEGORIES.map((category) => [category, []]),
  );
  /** Processes with no enabled workflow (missing or off), when the workflows were read. */
  const idle = new Set<LifecycleCategory>();
  /** "Add the missing tasks" steps, by process, placed after that process's own step. */
  const taskSteps = new Map<LifecycleCategory, LifecycleAssessment['remediation'][number]>();
  const workflowEntries = evidence.workflows;
  if (workflowEntries === undefined) {
    unknown.push(
      `lifecycle workflows${evidence.workflowsError ? ` (${evidence.workflowsError.replace(/\.$/, '')})` : ''}`,
    );
    if (evidence.workflowsError?.includes('Entra ID Governance')) {
      remediation.push({
        title: 'Lifecycle Workflows need Microsoft Entra ID Governance',
        detail:
          'License Microsoft Entra ID Governance (or the Microsoft Entra Suite) for the people the workflows cover and grant Ward LifecycleWorkflows.Read.All. Until then, offboard by hand on the leave date: disable the account, revoke sessions, remove groups, Teams and licences.',
      });
    }
  } else {
    for (const { workflow } of workflowEntries) {
      const category = lifecycleCategory(workflow.category);
      if (category) byCategory.get(category)!.push(workflow);
    }
    facts.push({
      label: 'Lifecycle workflows',
      value: LIFECYCLE_CATEGORIES.map((category) => {
        const list = byCategory.get(category)!;
        const on = list.filter((workflow) => workflow.isEnabled).length;
        return `${category}: ${
          list.length === 0
            ? 'none'
            : [on ? `${on} on` : '', list.length - on ? `${list.length - on} off` : '']
                .filter(Boolean)
                .join(', ')
        }`;
      }).join('; '),
      source: 'workflows',
    });

    for (const category of LIFECYCLE_CATEGORIES) {
      const list = byCategory.get(category)!;
      const enabled = list.filter((workflow) => workflow.isEnabled);
      const words = PROCESS_WORDS[category];
      if (list.length === 0) {
        idle.add(category);
        findings.push({
          title: `No ${category} workflow`,
          detail: `${words.none}: ${words.risk}.`,
          severity: GAP_SEVERITY[category],
          sources: ['workflows'],
        });
      } else if (enabled.length === 0) {
        idle.add(category);
        findings.push({
          title: `${category[0]!.toUpperCase()}${category.slice(1)} workflow off: ${list.map((w) => w.displayName).join(', ')}`,
          detail: `${list.length === 1 ? 'It exists but is' : 'They exist but are'} disabled, so ${list.length === 1 ? 'it never runs' : 'none of them runs'}: ${words.risk}.${
            list[0]!.lastModifiedDateTime
              ? ` Last changed ${formatAgo(list[0]!.lastModifiedDateTime, now)}.`
              : ''
          }`,
          severity: GAP_SEVERITY[category],
          when: list[0]!.lastModifiedDateTime ?? undefined,
          sources: ['workflows'],
        });
      } else if (!enabled.some((workflow) => workflow.isSchedulingEnabled)) {
        findings.push({
          title: `${category[0]!.toUpperCase()}${category.slice(1)} workflows run only on demand`,
          detail: `${enabled.map((w) => w.displayName).join(', ')} ${enabled.length === 1 ? 'is' : 'are'} on but not scheduled: ${
            category === 'leaver'
              ? 'nobody is offboarded unless someone runs it for them'
              : 'nothing happens unless someone runs them'
          }. Turn on scheduling so the trigger runs them.`,
          severity: category === 'leaver' ? 'medium' : 'low',
          sources: ['workflows'],
        });
      }

      // Key tasks: over the enabled workflows (what runs), or over all of them when none is on.
      const checked = (enabled.length ? enabled : list).filter((workflow) => workflow.tasks != null);
      if (checked.length > 0) {
        const { missing } = coverKeyTasks(
          category,
          checked.flatMap((workflow) => workflow.tasks ?? []),
        );
        if (missing.length > 0) {
          const names = checked.map((workflow) => workflow.displayName);
          const serious =
            category === 'leaver' &&
            missing.some((task) => ['disableAccount', 'removeAllGroups'].includes(task.key));
          findings.push({
            title: `${listed(names, 2)} ${names.length === 1 ? 'lacks' : 'lack'} ${listed(taskNames(missing), 3)}`,
            detail: `${missing.map((task) => `Without "${task.name}", ${task.whyMissing}.`).join(' ')}${
              enabled.length === 0
                ? ' (Checked although the workflow is off: turning it on as it is would leave these gaps.)'
                : ''
            }`,
            severity: serious ? 'medium' : 'low',
            sources: ['workflows'],
          });
          taskSteps.set(category, {
            title: `Add the missing ${category} tasks to ${listed(names, 2)}`,
            detail: `Add ${taskNames(missing).join(', ')} (a new workflow version keeps the run history).`,
          });
        }
      }
    }

    tables.push({
      title: 'Lifecycle workflows',
      columns: ['Workflow', 'Process', 'State', 'Trigger', 'Scope', 'Tasks'],
      rows: workflowEntries
        .slice(0, 25)
        .map(({ workflow, details }) => [
          workflow.displayName,
          workflow.category,
          stateText(workflow),
          details ? describeTrigger(workflow) : 'not read',
          details ? describeScope(workflow) : 'not read',
          details
            ? (workflow.tasks ?? [])
                .map((task) => `${task.displayName}${task.isEnabled ? '' : ' (off)'}`)
                .join(', ') || 'none'
            : 'not read',
        ]),
      source: 'workflows',
    });
  }
  const leaverWorkflows = byCategory.get('leaver') ?? [];
  const workflowsKnown = workflowEntries !== undefined;

  // The people the processes are for.
  const people = evidence.people;
  const rows: string[][] = [];
  if (people === undefined) {
    unknown.push('joiners and leavers (employee hire and leave dates)');
  } else {
    const enabledLeavers = people.leavers.filter((user) => user.accountEnabled === true);
    facts.push({
      label: 'Leavers (leave date passed)',
      value: people.leavers.length
        ? `${people.leavers.length}${people.truncated ? '+' : ''}: ${enabledLeavers.length} still enabled, ${
            people.leavers.length - enabledLeavers.length
          } disabled`
        : 'none found',
      source: 'people',
    });
    facts.push({
      label: `Next ${Math.max(1, Math.round((Date.parse(people.until) - now.getTime()) / 86_400_000))} d`,
      value: `${people.upcomingLeavers.length} leaving, ${people.upcomingJoiners.length} starting`,
      source: 'people',
    });

    const offboardingWorkflow = leaverWorkflows.find(runsOnLeaveDate);
    const workflowSentence = !workflowsKnown
      ? ''
      : leaverWorkflows.length === 0
        ? ' No leaver workflow exists to offboard them.'
        : idle.has('leaver')
          ? ` ${listed(
              leaverWorkflows.map((w) => `"${w.displayName}"`),
              2,
            )} ${leaverWorkflows.length === 1 ? 'is' : 'are'} off, so nothing offboarded them.`
          : offboardingWorkflow
            ? ` "${offboardingWorkflow.displayName}" (${describeTrigger(offboardingWorkflow)}) should have run for them: check its run history and scope (${describeScope(offboardingWorkflow)}).`
            : ' No enabled leaver workflow runs on the leave date.';

    for (const leaver of people.leavers) {
      const label = personLabel(leaver);
      const name = leaver.displayName ?? leaver.userPrincipalName ?? leaver.id;
      const leftAt = leaver.employeeLeaveDateTime ?? '';
      const ago = formatAgo(leftAt, now);
      const memberships = evidence.memberships.get(leaver.id);
      const roles = evidence.roles.get(leaver.id);
      const accessRead = evidence.memberships.has(leaver.id) || evidence.roles.has(leaver.id);
      const accessFailed =
        (evidence.memberships.has(leaver.id) && memberships === undefined) ||
        (evidence.roles.has(leaver.id) && roles === undefined);
      if (accessFailed) unknown.push(`what ${name} still holds`);

      // Roles: privileged ones (active or eligible) by name, then other directory roles held actively.
      const heldRoles = [
        ...(roles ?? []).map(roleText),
        ...(memberships?.directoryRoles ?? [])
          .map((role) => role.displayName)
          .filter(
            (role) =>
              !(roles ?? []).some((holder) => holder.assignment === 'active' && holder.roleName === role),
          ),
      ];
      const groups = (memberships?.groups ?? []).map((group) => group.displayName);
      const ownsTenant = (roles ?? []).some((holder) => TENANT_OWNER_ROLES.has(holder.roleName));
      const holds = [
        heldRoles.length ? `${heldRoles.length === 1 ? 'role' : 'roles'} ${listed(heldRoles)}` : '',
        groups.length
          ? `${groups.length} ${groups.length === 1 ? 'group' : 'groups'} (${listed(groups)})`
          : '',
      ].filter(Boolean);
      const holdsText = !accessRead
        ? 'not checked'
        : accessFailed && !holds.length
          ? 'unavailable'
          : holds.join('; ') || 'nothing';

      if (leaver.accountEnabled === true) {
        const leftMs = Date.parse(leftAt);
        const signInsRead = evidence.signIns.has(leaver.id);
        const since = (evidence.signIns.get(leaver.id) ?? []).filter(
          (signIn) => Date.parse(signIn.createdDateTime) > leftMs && (signIn.status?.errorCode ?? 0) === 0,
        );
        if (signInsRead && evidence.signIns.get(leaver.id) === undefined) unknown.push(`sign-ins of ${name}`);
        const latest = since[0];
        const signInText = since.length
          ? ` Signed in ${since.length} ${since.length === 1 ? 'time' : 'times'} since leaving (latest ${formatAgo(latest!.createdDateTime, now)}${
              latest!.appDisplayName ? `, ${latest!.appDisplayName}` : ''
            }${latest!.location?.city ? ` from ${latest!.location.city}` : ''}).`
          : signInsRead && evidence.signIns.get(leaver.id) !== undefined
            ? ' No successful sign-in since leaving in what Ward read.'
            : '';
        const severity: Level = ownsTenant
          ? 'critical'
          : heldRoles.length || since.length
            ? 'high'
            : 'medium';
        const role = [leaver.jobTitle, leaver.department].filter(Boolean).join(', ');
        findings.push({
          title: `${name} left ${ago} and can still sign in`,
          // What they hold and whether they used it first: a card may show only the start of a detail.
          detail: [
            heldRoles.length
              ? `Still holds ${heldRoles.length === 1 ? 'the directory role' : 'the directory roles'} ${listed(heldRoles)}.`
              : '',
            groups.length ? `Still a member of ${listed(groups)}.` : '',
            signInText.trim(),
            `${label}${role ? `, ${role},` : ''} left on ${formatDay(leftAt)}; the account is still enabled.`,
            workflowSentence.trim(),
          ]
            .filter(Boolean)
            .join(' '),
          severity,
          when: leftAt || undefined,
          sources: [
            'people',
            ...(accessRead && !accessFailed ? (['access'] as const) : []),
            ...(signInsRead && evidence.signIns.get(leaver.id) !== undefined ? (['signIns'] as const) : []),
          ],
          principals: [leaver.id],
        });
        containment.push({
          userId: leaver.id,
          displayName: name,
          userPrincipalName: leaver.userPrincipalName ?? undefined,
          why: `${name} left ${ago} and can still sign in${heldRoles.length ? ` (holds ${listed(heldRoles, 2)})` : ''}: ${
            since.length ? 'the account was used since; ' : ''
          }block sign-in and end open sessions until the offboarding is finished.`,
          severity,
        });
        rows.push([label, 'left', `${formatDay(leftAt)} (${ago})`, 'enabled', holdsText]);
      } else {
        if (heldRoles.length || groups.length) {
          findings.push({
            title: `${name} left ${ago}: disabled, but still holds access`,
            detail: `${label}'s account is disabled, but ${holds.join(' and ')} remain. A re-enabled account (or a helpdesk mistake) gets all of it back: remove them.`,
            severity: heldRoles.length ? 'medium' : 'low',
            when: leftAt || undefined,
            sources: ['people', 'access'],
            principals: [leaver.id],
          });
        }
        rows.push([label, 'left', `${formatDay(leftAt)} (${ago})`, 'disabled', holdsText]);
      }
    }
    // The most severe first: they get the action buttons when there are more leavers than buttons.
    containment.sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));

    for (const user of people.upcomingLeavers) {
      rows.push([
        personLabel(user),
        'leaves',
        `${formatDay(user.employeeLeaveDateTime ?? '')} (${formatAgo(user.employeeLeaveDateTime, now)})`,
        user.accountEnabled === false ? 'disabled' : 'enabled',
        '',
      ]);
    }
    for (const user of people.upcomingJoiners) {
      rows.push([
        personLabel(user),
        'starts',
        `${formatDay(user.employeeHireDate ?? '')} (${formatAgo(user.employeeHireDate, now)})`,
        user.accountEnabled === false ? 'disabled' : 'enabled',
        '',
      ]);
    }
    const soon = (users: readonly LifecycleUser[], field: 'employeeLeaveDateTime' | 'employeeHireDate') =>
      listed(
        users.map(
          (user) =>
            `${user.displayName ?? user.userPrincipalName ?? user.id} (${formatAgo(user[field], now)})`,
        ),
        4,
      );
    if (workflowsKnown && idle.has('leaver') && people.upcomingLeavers.length > 0) {
      findings.push({
        title: `${people.upcomingLeavers.length} ${people.upcomingLeavers.length === 1 ? 'person leaves' : 'people leave'} soon and no leaver workflow will run`,
        detail: `${soon(people.upcomingLeavers, 'employeeLeaveDateTime')}: with no enabled leaver workflow, ${
          people.upcomingLeavers.length === 1
            ? 'the account stays as it is'
            : 'their accounts stay as they are'
        } after the last day unless someone offboards ${people.upcomingLeavers.length === 1 ? 'it' : 'them'} by hand.`,
        severity: 'medium',
        sources: ['people', 'workflows'],
      });
    }
    if (workflowsKnown && idle.has('joiner') && people.upcomingJoiners.length > 0) {
      findings.push({
        title: `${people.upcomingJoiners.length} ${people.upcomingJoiners.length === 1 ? 'person starts' : 'people start'} soon and no joiner workflow will prepare them`,
        detail: `${soon(people.upcomingJoiners, 'employeeHireDate')}: nobody generates a Temporary Access Pass or sends a welcome email; access is granted by hand.`,
        severity: 'low',
        sources: ['people', 'workflows'],
      });
    }
    if (people.leavers.length + people.upcomingLeavers.length + people.upcomingJoiners.length === 0) {
      findings.push({
        title: 'No hire or leave dates found',
        detail:
          'No user has employeeLeaveDateTime or employeeHireDate in the window Ward read. Lifecycle Workflows trigger on these dates: make sure HR provisioning (Workday, SuccessFactors or API-driven inbound provisioning) writes them.',
        severity: 'low',
        sources: ['people'],
      });
    }
    if (rows.length) {
      tables.push({
        title: 'Leavers and joiners',
        columns: ['Person', 'Change', 'Date', 'Account', 'Still holds'],
        rows: rows.slice(0, 25),
        source: 'people',
      });
    }
  }

  // Remediation: contain first, then fix the processes, naming Microsoft's templates.
  if (containment.length) {
    remediation.unshift({
      title: 'Contain the leavers who can still sign in',
      detail: `Disable ${listed(
        containment.map((c) => c.displayName),
        4,
      )} and revoke their sessions (buttons below), then remove what they still hold. For a termination that cannot wait, run "${WORKFLOW_TEMPLATES.realTimeTermination}" on demand.`,
      action: 'disableAccount',
    });
  }
  const processSteps: Partial<Record<LifecycleCategory, LifecycleAssessment['remediation'][number]>> = {};
  if (workflowsKnown && idle.has('leaver')) {
    processSteps.leaver = {
      title:
        leaverWorkflows.length === 0
          ? `Create a leaver workflow from the "${WORKFLOW_TEMPLATES.offboard}" template`
          : `Turn on ${listed(
              leaverWorkflows.map((w) => `"${w.displayName}"`),
              2,
            )}`,
      detail: `Trigger on ${LEAVE_ATTRIBUTE} (0 days, the last day) with Disable user account, Remove user from all groups, Remove user from all Teams and Revoke all refresh tokens for user; add "${WORKFLOW_TEMPLATES.postOffboarding}" (licences, deletion) and keep "${WORKFLOW_TEMPLATES.realTimeTermination}" for on-demand terminations. Run it on demand for a test user first.`,
    };
  }
  if (workflowsKnown && idle.has('mover')) {
    processSteps.mover = {
      title: `Add a mover workflow from "${WORKFLOW_TEMPLATES.groupMembershipChanges}"`,
      detail: `Trigger when department or jobTitle changes (or use "${WORKFLOW_TEMPLATES.jobProfileChange}"): Remove user from selected groups (the old job's), Add user to groups (the new job's), Send email to notify manager of user move.`,
    };
  }
  if (workflowsKnown && idle.has('joiner')) {
    processSteps.joiner = {
      title: `Onboard with a Temporary Access Pass: "${WORKFLOW_TEMPLATES.preHire}"`,
      detail: `7 days before employeeHireDate, Generate Temporary Access Pass and send via email to user's manager, so day one starts with passkey or MFA registration; then "${WORKFLOW_TEMPLATES.newHire}" on the hire date (enable the account, welcome email, starting groups).`,
    };
  }
  // Leavers first (access that outlives employment), then movers, then joiners.
  for (const category of ['leaver', 'mover', 'joiner'] as const) {
    const step = processSteps[category];
    if (step) remediation.push(step);
    const tasks = taskSteps.get(category);
    if (tasks) remediation.push(tasks);
  }

  // By severity; at one severity, the people a gap already affects before the gap itself.
  findings.sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      Number(b.principals !== undefined) - Number(a.principals !== undefined),
  );
  const { riskLevel, verdict, summary } = summariseFindings(findings, unknown, {
    scope: ' in the joiner, mover and leaver processes',
    none: 'Ward found no gaps in the joiner, mover and leaver processes in what it could read.',
  });

  return {
    riskLevel,
    verdict,
    summary,
    facts,
    findings,
    evidence: tables,
    remediation,
    containment,
    followUps: [
      ...containment
        .filter((c) => c.userPrincipalName)
        .slice(0, 1)
        .map((c) => `is ${c.userPrincipalName} compromised?`),
      'privileged accounts without MFA',
      'review our conditional access policies',
    ],
  };
}
