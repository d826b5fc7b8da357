/**
 * The identity assessments case by case, on hand-built Graph data: the posture review (policies off or
 * report-only, legacy authentication not blocked, exclusions from every enabled policy, conflicting grant
 * controls, privileged accounts with no MFA method, PIM activations, failed sources) and the sign-in failure
 * reading (cause per error code, the Conditional Access policies that failed, a success since, no failures,
 * no log).
 */
import { describe, expect, it } from 'vitest';
import type { ConditionalAccessPolicy } from '../../../../src/clients/graph-resources.js';
import {
  assessIdentityPosture,
  type IdentityPostureEvidence,
} from '../../../../src/plugins/entra/assess-identity-posture.js';
import { assessSignInFailure } from '../../../../src/plugins/entra/assess-sign-in-failure.js';
import type { PrivilegedRoleHolder } from '../../../../src/plugins/entra/skills/privileged-role-assignments.js';
import { failedSignIn, graphUser, hoursAgo, method, NOW, signIn } from './fixtures.js';

const BREAK_GLASS = '00000000-0000-4000-8000-0000000000b1';
const LYNNE = '00000000-0000-4000-8000-00000000000a';

function policy(
  overrides: Partial<ConditionalAccessPolicy> & { grant?: string[]; clients?: string[] },
): ConditionalAccessPolicy {
  const { grant = ['mfa'], clients = ['all'], ...rest } = overrides;
  return {
    id: rest.displayName ?? 'p',
    displayName: 'CA: require MFA',
    state: 'enabled',
    conditions: {
      clientAppTypes: clients,
      applications: { includeApplications: ['All'] },
      users: { includeUsers: ['All'], excludeGroups: [BREAK_GLASS] },
    },
    grantControls: { operator: 'OR', builtInControls: grant },
    ...rest,
  };
}
const blockLegacy = policy({
  displayName: 'CA: block legacy',
  grant: ['block'],
  clients: ['exchangeActiveSync', 'other'],
});
const lynneEligible: PrivilegedRoleHolder = {
  roleDefinitionId: '62e90394-69f5-4237-9190-012177145e10',
  roleName: 'Global Administrator',
  assignment: 'eligible',
  principalId: LYNNE,
  principal: {
    '@odata.type': '#microsoft.graph.user',
    id: LYNNE,
    displayName: 'Lynne Robbins',
    userPrincipalName: 'lynne.robbins@contoso.com',
  },
  since: hoursAgo(500),
};

function evidence(overrides: Partial<IdentityPostureEvidence> = {}): IdentityPostureEvidence {
  return {
    policies: {
      policies: [policy({}), blockLegacy],
      excludedGroups: [{ id: BREAK_GLASS, displayName: 'Break Glass', members: [], truncated: false }],
    },
    holders: [],
    methods: new Map(),
    activations: [],
    now: NOW,
    ...overrides,
  };
}
const titles = (e: IdentityPostureEvidence) => assessIdentityPosture(e).findings.map((f) => f.title);

describe('assessIdentityPosture', () => {
  it('flags policies that are off or report-only', () => {
    const result = titles(
      evidence({
        policies: {
          policies: [
            blockLegacy,
            policy({ displayName: 'CA off', state: 'disabled' }),
            policy({ displayName: 'CA pilot', state: 'enabledForReportingButNotEnforced' }),
          ],
          excludedGroups: [],
        },
      }),
    );
    expect(result).toContain('Policy off: CA off');
    expect(result).toContain('Policy in report-only: CA pilot');
  });

  it('flags legacy authentication that no enabled policy blocks, and not when one does', () => {
    expect(titles(evidence({ policies: { policies: [policy({})], excludedGroups: [] } }))).toContain(
      'Legacy authentication is not blocked',
    );
    const reportOnlyBlock = { ...blockLegacy, state: 'enabledForReportingButNotEnforced' };
    expect(
      titles(evidence({ policies: { policies: [policy({}), reportOnlyBlock], excludedGroups: [] } })),
    ).toContain('Legacy authentication is not blocked');
    expect(titles(evidence())).not.toContain('Legacy authentication is not blocked');
  });

  it('flags a group excluded from every enabled policy, not one excluded from some', () => {
    const other = '00000000-0000-4000-8000-0000000000c2';
    const result = titles(
      evidence({
        policies: {
          policies: [
            policy({
              conditions: {
                ...policy({}).conditions,
                users: { includeUsers: ['All'], excludeGroups: [BREAK_GLASS, other] },
              },
            }),
            blockLegacy,
          ],
          excludedGroups: [{ id: BREAK_GLASS, displayName: 'Break Glass', members: [], truncated: false }],
        },
      }),
    );
    expect(result).toContain('Break Glass is excluded from every enabled policy');
    expect(result.some((title) => title.includes(other))).toBe(false);
  });

  it('flags enabled policies with the same scope and different grant controls as conflicting', () => {
    const result = titles(
      evidence({
        policies: {
          policies: [
            policy({ displayName: 'A' }),
            policy({ displayName: 'B', grant: ['block'] }),
            blockLegacy,
          ],
          excludedGroups: [],
        },
      }),
    );
    expect(result).toContain('Conflicting policies: A vs B');
    expect(titles(evidence())).not.toContainEqual(expect.stringMatching(/^Conflicting/));
  });

  it('finds an eligible Global Administrator with no MFA method, and the MFA policy exclusion', () => {
    const assessment = assessIdentityPosture(
      evidence({
        policies: {
          policies: [
            policy({
              displayName: 'CA001',
              conditions: {
                ...policy({}).conditions,
                users: { includeUsers: ['All'], excludeGroups: [BREAK_GLASS, 'g-mfa'] },
              },
            }),
            blockLegacy,
          ],
          excludedGroups: [
            {
              id: 'g-mfa',
              displayName: 'CA Exclusion - MFA',
              members: [{ '@odata.type': '#microsoft.graph.user', id: LYNNE }],
              truncated: false,
            },
          ],
        },
        holders: [lynneEligible],
        methods: new Map([[LYNNE, [method('password')]]]),
      }),
    );
    const finding = assessment.findings[0]!;
    expect(finding.title).toBe('Lynne Robbins: eligible Global Administrator with no MFA method');
    expect(finding.severity).toBe('critical');
    expect(finding.detail).toMatch(/excluded from CA001 \(via CA Exclusion - MFA\)/);
    expect(finding.principals).toEqual([LYNNE]);
    expect(assessment.riskLevel).toBe('critical');
  });

  it('does not flag a privileged account with an MFA method, nor one whose methods could not be read', () => {
    const about = (list: string[]) => list.filter((title) => title.includes('Lynne'));
    expect(
      about(
        titles(
          evidence({
            holders: [lynneEligible],
            methods: new Map([[LYNNE, [method('password'), method('fido2')]]]),
          }),
        ),
      ),
    ).toEqual([]);
    const unread = assessIdentityPosture(
      evidence({ holders: [lynneEligible], methods: new Map([[LYNNE, undefined]]) }),
    );
    expect(about(unread.findings.map((f) => f.title))).toEqual([]);
    expect(unread.summary).toMatch(/Could not check: MFA methods of 1 privileged account/);
  });

  it('lists a recent PIM activation, high when the account has no MFA method', () => {
    const activation = {
      auditId: 'a',
      activatedAt: hoursAgo(48),
      roleName: 'Global Administrator',
      userId: LYNNE,
      userPrincipalName: 'lynne.robbins@contoso.com',
      endsAt: hoursAgo(40),
    };
    const withMfa = assessIdentityPosture(evidence({ activations: [activation] })).findings.find((f) =>
      f.title.includes('activated'),
    )!;
    expect(withMfa).toMatchObject({
      title: 'lynne.robbins@contoso.com activated Global Administrator 2 d ago',
      severity: 'low',
    });
    expect(withMfa.detail).toMatch(/for 8 h/);
    const without = assessIdentityPosture(
      evidence({ holders: [lynneEligible], methods: new Map([[LYNNE, []]]), activations: [activation] }),
    );
    expect(without.findings.find((f) => f.title.includes('activated'))?.severity).toBe('high');
  });

  it('says what it could not check when sources failed, never "no findings"', () => {
    const assessment = assessIdentityPosture(
      evidence({ policies: undefined, holders: undefined, activations: undefined }),
    );
    expect(assessment.riskLevel).toBe('unknown');
    expect(assessment.verdict).toBe('incomplete');
    expect(assessment.summary).toMatch(
      /Could not check: Conditional Access policies, privileged role holders, PIM activations/,
    );
  });
});

describe('assessSignInFailure', () => {
  const user = graphUser();
  const read = (
    signIns: ReturnType<typeof signIn>[] | undefined,
    methods = [method('microsoftAuthenticator')],
  ) => assessSignInFailure({ user, signIns, methods, hours: 168, now: NOW });

  it('explains a Conditional Access block with the policy that failed it', () => {
    const blocked = failedSignIn(53003, 'Access has been blocked by Conditional Access policies.', {
      createdDateTime: hoursAgo(1),
      appDisplayName: 'Exchange ActiveSync',
      clientAppUsed: 'Exchange ActiveSync',
      appliedConditionalAccessPolicies: [
        {
          id: '1',
          displayName: 'CA002: Block legacy authentication',
          result: 'failure',
          enforcedGrantControls: ['Block'],
        },
        { id: '2', displayName: 'CA001', result: 'notApplied' },
      ],
    });
    const assessment = read([blocked, signIn({ createdDateTime: hoursAgo(5) })]);
    expect(assessment.verdict).toBe('Blocked by Conditional Access');
    expect(assessment.summary).toMatch(
      /a Conditional Access policy blocked the sign-in \(error 53003\); Conditional Access: CA002: Block legacy authentication \(Block\)/,
    );
    expect(assessment.evidence[0]!.rows[0]).toContain('Exchange ActiveSync · Exchange ActiveSync');
  });

  it('groups failures by code and says a sign-in has succeeded since', () => {
    const assessment = read([
      failedSignIn(50126, 'Invalid username or password.', { createdDateTime: hoursAgo(10) }),
      failedSignIn(50126, 'Invalid username or password.', { createdDateTime: hoursAgo(9) }),
      signIn({ createdDateTime: hoursAgo(2) }),
    ]);
    expect(assessment.verdict).toBe('Wrong password (signed in since)');
    expect(assessment.findings[0]!.title).toBe('Wrong password (error 50126): 2×, latest 9 h ago');
    expect(assessment.remediation[0]!.title).toBe('Confirm the problem still exists');
  });

  it('rates repeated denied MFA prompts medium and points out a missing MFA method', () => {
    const denied = (h: number) =>
      failedSignIn(500121, 'Authentication failed during strong authentication request.', {
        createdDateTime: hoursAgo(h),
      });
    const assessment = read([denied(1), denied(2)], [method('password')]);
    expect(assessment.riskLevel).toBe('medium');
    expect(assessment.findings.map((f) => f.title)).toContain('No MFA method registered');
  });

  it('explains an unknown error code from the log’s own reason', () => {
    const assessment = read([failedSignIn(90099, 'Something new.', { createdDateTime: hoursAgo(1) })]);
    expect(assessment.summary).toMatch(/Entra reported "Something new\." \(error 90099\)/);
  });

  it("says there are no failures (ignoring 'Keep me signed in' prompts), and when the log is unavailable", () => {
    const none = read([failedSignIn(50140, 'KMSI interrupt', { createdDateTime: hoursAgo(1) }), signIn()]);
    expect(none.verdict).toBe('no failed sign-ins in 7 days');
    expect(none.riskLevel).toBe('none');
    const unavailable = read(undefined);
    expect(unavailable.riskLevel).toBe('unknown');
    expect(unavailable.summary).toMatch(/could not read/);
  });
});
