/**
 * The identity posture review: from the Conditional Access policies (and the groups they exclude), the
 * privileged role holders (active and PIM-eligible), their MFA methods and recent PIM activations, to findings
 * a security lead acts on: policies off or report-only, legacy authentication not blocked, users or groups
 * excluded from every enabled policy or from MFA, policies that contradict each other, privileged accounts
 * with no MFA method, recent activations. Computed from the data, never per tenant; a source that failed
 * (`undefined`) is reported as unknown, never as "no finding". Pure: no I/O, no clock.
 */
import type { AuthenticationMethod, ConditionalAccessPolicy } from '../../clients/graph-resources.js';
import { formatAgo, formatSpan } from '../format-when.js';
import type { Level } from './assess-user-risk.js';
import type { ConditionalAccessPolicies } from './skills/conditional-access-policies.js';
import type { PrivilegedRoleHolder } from './skills/privileged-role-assignments.js';
import type { RoleActivation } from './skills/role-activations.js';
import { SEVERITY_ORDER, summariseFindings } from './summarise-findings.js';

/** Which piece of evidence a statement rests on; the planner maps these to citations. */
export type PostureEvidenceKey = 'policies' | 'roles' | 'methods' | 'activations';

/** What the review reads. */
export interface IdentityPostureEvidence {
  policies: ConditionalAccessPolicies | undefined;
  holders: PrivilegedRoleHolder[] | undefined;
  /** MFA methods by principal id; a principal whose read failed maps to `undefined`; one not read is absent. */
  methods: ReadonlyMap<string, AuthenticationMethod[] | undefined>;
  activations: RoleActivation[] | undefined;
  now: Date;
}

/** One finding, with the evidence it rests on and (for methods) the principals whose reads it used. */
export interface PostureFinding {
  title: string;
  detail?: string;
  severity: Level;
  when?: string;
  sources: PostureEvidenceKey[];
  /** Principal ids whose authentication methods this finding rests on. */
  principals?: string[];
}

/** The review, ready for a planner to cite. */
export interface IdentityPostureAssessment {
  riskLevel: Level;
  verdict: string;
  summary: string;
  facts: { label: string; value: string; source: PostureEvidenceKey }[];
  findings: PostureFinding[];
  evidence: { title: string; columns: string[]; rows: string[][]; source: PostureEvidenceKey }[];
  remediation: { title: string; detail?: string }[];
  followUps: string[];
}

const NOT_MFA = new Set([
  '#microsoft.graph.passwordAuthenticationMethod',
  '#microsoft.graph.emailAuthenticationMethod',
]);
const LEGACY_CLIENTS = ['exchangeActiveSync', 'other'];
const ACTIVATION_DAYS = 30;

/** True when a method can answer an MFA prompt (not the password, not email, which only serves SSPR). */
export function isMfaMethod(method: AuthenticationMethod): boolean {
  return !NOT_MFA.has(method['@odata.type']);
}

const grants = (policy: ConditionalAccessPolicy): string[] =>
  (policy.grantControls?.builtInControls ?? []).map((control) => control.toLowerCase());
const list = (values: readonly string[] | null | undefined): string[] => [...(values ?? [])];
const includesAllUsers = (policy: ConditionalAccessPolicy): boolean =>
  list(policy.conditions.users?.includeUsers).some((user) => user.toLowerCase() === 'all');

/** An enabled policy that blocks legacy clients (Exchange ActiveSync and "other") for all users and apps. */
function blocksLegacy(policy: ConditionalAccessPolicy): boolean {
  if (policy.state !== 'enabled' || !grants(policy).includes('block') || !includesAllUsers(policy))
    return false;
  const clients = list(policy.conditions.clientAppTypes);
  const apps = list(policy.conditions.applications?.includeApplications);
  return (
    apps.some((app) => app.toLowerCase() === 'all') &&
    LEGACY_CLIENTS.every((client) => clients.includes(client))
  );
}

/** Everything a policy's assignments and conditions say, as one comparable string. */
function scopeKey(policy: ConditionalAccessPolicy): string {
  const sorted = (values: readonly string[] | null | undefined) =>
    [...(values ?? [])].map((v) => v.toLowerCase()).sort();
  const { users, applications, locations, devices } = policy.conditions;
  return JSON.stringify([
    sorted(users?.includeUsers),
    sorted(users?.excludeUsers),
    sorted(users?.includeGroups),
    sorted(users?.excludeGroups),
    sorted(users?.includeRoles),
    sorted(users?.excludeRoles),
    sorted(applications?.includeApplications),
    sorted(applications?.excludeApplications),
    sorted(applications?.includeUserActions),
    sorted(policy.conditions.clientAppTypes),
    sorted(policy.conditions.userRiskLevels),
    sorted(policy.conditions.signInRiskLevels),
    sorted(locations?.includeLocations),
    sorted(locations?.excludeLocations),
    devices?.deviceFilter ?? null,
  ]);
}

function grantText(policy: ConditionalAccessPolicy): string {
  const controls = grants(policy);
  const session = policy.sessionControls?.signInFrequency?.isEnabled
    ? [
        `sign-in every ${policy.sessionControls.signInFrequency.value ?? '?'} ${policy.sessionControls.signInFrequency.type ?? ''}`.trim(),
      ]
    : [];
  const all = [
    ...(controls.length
      ? [controls.join(` ${(policy.grantControls?.operator ?? 'OR').toUpperCase()} `)]
      : []),
    ...(policy.grantControls?.termsOfUse?.length ? ['terms of use'] : []),
    ...session,
  ];
  return all.join('; ') || 'none';
}

const STATE_WORDS: Readonly<Record<string, string>> = {
  enabled: 'on',
  disabled: 'off',
  enabledForReportingButNotEnforced: 'report-only',
};

/** Reviews the tenant's identity posture. */
export function assessIdentityPosture(evidence: IdentityPostureEvidence): IdentityPostureAssessment {
  const { now } = evidence;
  const findings: PostureFinding[] = [];
  const facts: IdentityPostureAssessment['facts'] = [];
  const tables: IdentityPostureAssessment['evidence'] = [];
  const remediation: IdentityPostureAssessment['remediation'] = [];
  const unknown: string[] = [];

  // Who a group exclusion leaves out, by principal id → group names (for the privileged-account findings too).
  const mfaExcludedVia = new Map<string, string[]>();
  const policyData = evidence.policies;
  if (policyData === undefined) {
    unknown.push('Conditional Access policies');
  } else {
    const { policies, excludedGroups } = policyData;
    const groupName = (id: string) => excludedGroups.find((g) => g.id === id)?.displayName ?? `group ${id}`;
    const enabled = policies.filter((policy) => policy.state === 'enabled');
    facts.push({
      label: 'Conditional Access',
      value: `${policies.length} policies: ${enabled.length} on, ${
        policies.filter((p) => p.state === 'enabledForReportingButNotEnforced').length
      } report-only, ${policies.filter((p) => p.state === 'disabled').length} off`,
      source: 'policies',
    });

    for (const policy of policies) {
      if (policy.state === 'disabled') {
        findings.push({
          title: `Policy off: ${policy.displayName}`,
          detail: `It enforces nothing (grant: ${grantText(policy)}). Turn it on or delete it, so nobody assumes it protects anything.`,
          severity: 'low',
          when: policy.modifiedDateTime ?? undefined,
          sources: ['policies'],
        });
      } else if (policy.state === 'enabledForReportingButNotEnforced') {
        findings.push({
          title: `Policy in report-only: ${policy.displayName}`,
          detail: `It only logs what it would do (${grantText(policy)})${
            policy.modifiedDateTime ? `; last changed ${formatAgo(policy.modifiedDateTime, now)}` : ''
          }. Review its report-only results and enforce it, or retire it.`,
          severity: 'low',
          when: policy.modifiedDateTime ?? undefined,
          sources: ['policies'],
        });
      }
    }

    const legacy = policies.find(blocksLegacy);
    facts.push({
      label: 'Legacy authentication',
      value: legacy ? `blocked by ${legacy.displayName}` : 'not blocked',
      source: 'policies',
    });
    if (!legacy) {
      findings.push({
        title: 'Legacy authentication is not blocked',
        detail:
          'No enabled policy blocks Exchange ActiveSync and other legacy clients for all users and apps. Legacy protocols cannot do MFA: password spraying goes straight through them.',
        severity: 'high',
        sources: ['policies'],
      });
      remediation.push({
        title: 'Block legacy authentication',
        detail:
          'Create a policy for all users and all cloud apps, client apps "Exchange ActiveSync" and "Other clients", grant: Block. Run it in report-only for a week first to find who still uses them.',
      });
    }

    // Excluded from every enabled policy: the intersection of all enabled policies' exclusions.
    if (enabled.length > 0) {
      const exclusionsOf = (policy: ConditionalAccessPolicy) =>
        new Set([
          ...list(policy.conditions.users?.excludeUsers).map((id) => `user:${id}`),
          ...list(policy.conditions.users?.excludeGroups).map((id) => `group:${id}`),
        ]);
      let everywhere = exclusionsOf(enabled[0]!);
      for (const policy of enabled.slice(1)) {
        const next = exclusionsOf(policy);
        everywhere = new Set([...everywhere].filter((key) => next.has(key)));
      }
      for (const key of everywhere) {
        const [kind, id = ''] = key.split(':');
        const group = kind === 'group' ? excludedGroups.find((g) => g.id === id) : undefined;
        const members = group?.members.map((m) => m.userPrincipalName ?? m.displayName ?? m.id) ?? [];
        findings.push({
          title: `${kind === 'group' ? groupName(id) : `User ${id}`} is excluded from every enabled policy`,
          detail: `${
            members.length
              ? `Members: ${members.slice(0, 8).join(', ')}${group?.truncated ? ' and more' : ''}. `
              : ''
          }No Conditional Access policy applies to ${
            kind === 'group' ? 'them' : 'this user'
          }: right only for emergency-access (break-glass) accounts, which then need a strong credential (FIDO2), an alert on every sign-in, and nobody else in the group.`,
          severity: 'medium',
          sources: ['policies'],
        });
      }
    }

    // Exclusions from the policies that require MFA for everyone.
    for (const policy of enabled.filter((p) => grants(p).includes('mfa') && includesAllUsers(p))) {
      for (const id of list(policy.conditions.users?.excludeGroups)) {
        const group = excludedGroups.find((g) => g.id === id);
        if (!group) continue;
        for (const member of group.members) {
          mfaExcludedVia.set(member.id, [
            ...(mfaExcludedVia.get(member.id) ?? []),
            `${policy.displayName} (via ${groupName(id)})`,
          ]);
        }
      }
    }

    // Contradictions: enabled policies with the same assignments and conditions but different grant controls.
    const byScope = new Map<string, ConditionalAccessPolicy[]>();
    for (const policy of enabled)
      byScope.set(scopeKey(policy), [...(byScope.get(scopeKey(policy)) ?? []), policy]);
    let conflicts = 0;
    for (const same of byScope.values()) {
      const distinct = new Set(same.map((policy) => grantText(policy)));
      if (same.length < 2 || distinct.size < 2) continue;
      conflicts++;
      const blocking = same.filter((policy) => grants(policy).includes('block'));
      findings.push({
        title: `Conflicting policies: ${same.map((policy) => policy.displayName).join(' vs ')}`,
        detail: `They apply to the same users, apps and conditions but grant differently (${same
          .map((policy) => `${policy.displayName}: ${grantText(policy)}`)
          .join('; ')}).${
          blocking.length
            ? ' Block always wins, so the other controls never take effect.'
            : ' All of them must be satisfied, which is rarely what was meant.'
        } Merge them into one policy.`,
        severity: 'medium',
        sources: ['policies'],
      });
    }
    facts.push({
      label: 'Conflicting policies',
      value: conflicts ? String(conflicts) : 'none found',
      source: 'policies',
    });

    tables.push({
      title: 'Conditional Access policies',
      columns: ['Policy', 'State', 'Users', 'Client apps', 'Grant / session'],
      rows: policies.slice(0, 25).map((policy) => {
        const users = policy.conditions.users;
        const include = [
          ...list(users?.includeUsers),
          ...list(users?.includeGroups).map(groupName),
          ...list(users?.includeRoles).map((r) => `role ${r}`),
        ];
        const exclude = [...list(users?.excludeUsers), ...list(users?.excludeGroups).map(groupName)];
        return [
          policy.displayName,
          STATE_WORDS[policy.state] ?? policy.state,
          `${include.join(', ') || 'none'}${exclude.length ? `; except ${exclude.join(', ')}` : ''}`,
          list(policy.conditions.clientAppTypes).join(', ') || 'all',
          grantText(policy),
        ];
      }),
      source: 'policies',
    });
  }

  // Privileged role holders and their MFA methods.
  const holders = evidence.holders;
  if (holders === undefined) {
    unknown.push('privileged role holders');
  } else {
    const byPrincipal = new Map<string, PrivilegedRoleHolder[]>();
    for (const holder of holders)
      byPrincipal.set(holder.principalId, [...(byPrincipal.get(holder.principalId) ?? []), holder]);
    const eligibleCount = holders.filter((h) => h.assignment === 'eligible').length;
    facts.push({
      label: 'Privileged role holders',
      value: `${byPrincipal.size} accounts: ${holders.length - eligibleCount} active and ${eligibleCount} PIM-eligible assignments`,
      source: 'roles',
    });
    const noMfa: string[] = [];
    const unread: string[] = [];
    const rows: string[][] = [];
    for (const [principalId, roles] of byPrincipal) {
      const principal = roles[0]!.principal;
      const name = principal?.displayName ?? principal?.userPrincipalName ?? principalId;
      const upn = principal?.userPrincipalName ?? undefined;
      const label = `${name}${upn && upn !== name ? ` (${upn})` : ''}`;
      const roleText = roles.map((role) => `${role.assignment} ${role.roleName}`).join(', ');
      const read = evidence.methods.has(principalId);
      const methods = evidence.methods.get(principalId);
      const mfa = methods?.filter(isMfaMethod);
      rows.push([
        label,
        roles.map((role) => role.roleName).join(', '),
        roles.map((role) => role.assignment).join(', '),
        !read
          ? 'not checked'
          : methods === undefined
            ? 'unavailable'
            : mfa!.length
              ? mfa!.map(methodName).join(', ')
              : 'none',
      ]);
      if (read && methods === undefined) unread.push(label);
      if (mfa === undefined || mfa.length > 0) continue;
      noMfa.push(label);
      const excluded = mfaExcludedVia.get(principalId);
      const eligible = roles.filter((role) => role.assignment === 'eligible');
      findings.push({
        title: `${name}: ${roleText} with no MFA method`,
        detail: `${upn ? `${upn} ` : ''}has no MFA method registered (${
          methods!.length ? `only ${methods!.map(methodName).join(', ')}` : 'no methods at all'
        }): a stolen password is enough to ${eligible.length === roles.length ? 'sign in and activate' : 'use'} ${roles
          .map((role) => role.roleName)
          .join(', ')}.${excluded ? ` Also excluded from ${excluded.join(', ')}.` : ''}${
          eligible[0]?.since ? ` Eligible since ${formatAgo(eligible[0].since, now)}.` : ''
        }`,
        severity: roles.some((role) => role.roleName === 'Global Administrator') ? 'critical' : 'high',
        when: eligible[0]?.since,
        sources: ['roles', 'methods'],
        principals: [principalId],
      });
    }
    facts.push({
      label: 'Privileged without MFA',
      value: noMfa.length
        ? noMfa.join(', ')
        : unread.length === byPrincipal.size && unread.length > 0
          ? 'unknown'
          : 'none',
      source: 'methods',
    });
    if (unread.length)
      unknown.push(
        `MFA methods of ${unread.length} privileged ${unread.length === 1 ? 'account' : 'accounts'}`,
      );
    if (noMfa.length) {
      remediation.push({
        title: 'Require MFA registration for privileged accounts',
        detail: `Have ${noMfa.join(', ')} register a phishing-resistant method (passkey or FIDO2 key) with a Temporary Access Pass, remove them from MFA exclusion groups, and require an authentication strength on role activation in PIM.`,
      });
    }
    tables.push({
      title: 'Privileged role holders',
      columns: ['Account', 'Roles', 'Assignment', 'MFA methods'],
      rows: rows.slice(0, 25),
      source: 'roles',
    });
  }

  // Recent PIM activations.
  const activations = evidence.activations;
  if (activations === undefined) {
    unknown.push('PIM activations');
  } else {
    facts.push({
      label: `PIM activations (${ACTIVATION_DAYS} d)`,
      value: String(activations.length),
      source: 'activations',
    });
    for (const activation of activations.slice(0, 10)) {
      const who = activation.userPrincipalName ?? activation.userId ?? 'someone';
      const length =
        activation.endsAt && !Number.isNaN(Date.parse(activation.endsAt))
          ? ` for ${formatSpan(Date.parse(activation.endsAt) - Date.parse(activation.activatedAt))}`
          : '';
      const withoutMfa =
        holders !== undefined &&
        activation.userId !== undefined &&
        evidence.methods.get(activation.userId)?.filter(isMfaMethod).length === 0;
      findings.push({
        title: `${who} activated ${activation.roleName ?? 'a role'} ${formatAgo(activation.activatedAt, now)}`,
        detail: `PIM activation${length}${activation.justification ? `, justification "${activation.justification}"` : ''}.${withoutMfa ? ' The account has no MFA method: confirm the activation was really theirs.' : ' Check it matches a change or ticket.'}`,
        severity: withoutMfa ? 'high' : 'low',
        when: activation.activatedAt,
        sources: withoutMfa ? ['activations', 'methods'] : ['activations'],
        principals: withoutMfa && activation.userId ? [activation.userId] : undefined,
      });
    }
  }

  findings.sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  const { riskLevel, verdict, summary } = summariseFindings(findings, unknown, {
    scope: '',
    none: 'Ward found no identity posture problems in what it could read.',
  });
  if (findings.some((f) => f.title.includes('excluded from every enabled policy'))) {
    remediation.push({
      title: 'Keep exclusions to emergency-access accounts',
      detail:
        'Review the members of every group excluded from all policies; alert on each sign-in by those accounts.',
    });
  }
  if (findings.some((f) => f.title.startsWith('Policy in report-only') || f.title.startsWith('Policy off'))) {
    remediation.push({
      title: 'Decide on policies that are off or report-only',
      detail: 'Enforce them after checking their report-only results, or delete them.',
    });
  }
  return {
    riskLevel,
    verdict,
    summary,
    facts,
    findings,
    evidence: tables,
    remediation,
    followUps: [
      'show risky users',
      ...(evidence.holders ?? [])
        .filter((holder) => holder.assignment === 'eligible' && holder.principal?.userPrincipalName)
        .slice(0, 1)
        .map((holder) => `is ${holder.principal!.userPrincipalName} compromised?`),
    ],
  };
}

function methodName(method: AuthenticationMethod): string {
  const type = method['@odata.type'].replace('#microsoft.graph.', '').replace(/AuthenticationMethod$/, '');
  return type || 'unknown';
}
