/**
 * The Entra user-risk assessment turns a user's risk record, detections, sign-ins and MFA methods into a
 * verdict, findings and ordered remediation. Each case tells one story with small hand-made Graph records
 * (see fixtures.ts) at a fixed `NOW`.
 */
import { describe, expect, it } from 'vitest';
import type { RiskDetection, SignIn } from '../../../../src/clients/graph-resources.js';
import {
  assessUserRisk,
  type UserRiskAssessment,
  type UserRiskEvidence,
} from '../../../../src/plugins/entra/assess-user-risk.js';
import { describeRiskEvent } from '../../../../src/plugins/entra/describe-risk-event.js';
import type { PrivilegedRoleHolder } from '../../../../src/plugins/entra/skills/privileged-role-assignments.js';
import {
  ADELE_ID,
  daysAgo,
  evidence,
  failedSignIn,
  graphUser,
  hoursAgo,
  method,
  riskDetection,
  riskyUser,
  signIn,
} from './fixtures.js';

const INVALID_PASSWORD = 'Invalid username or password or Invalid on-premise username or password.';
const ANOTHER_USER_ID = '0b6f1a4e-3f1c-4a6b-9c1e-5d2f7a8b9c0d';
const LOCKED_OUT =
  'Account is locked because user tried to sign in too many times with an incorrect user ID or password.';

function assess(overrides: Partial<UserRiskEvidence> = {}): UserRiskAssessment {
  return assessUserRisk(evidence(overrides));
}

const titles = (items: { title: string }[]) => items.map((item) => item.title);
const actions = (assessment: UserRiskAssessment) => assessment.proposedActions.map((p) => p.action);
const finding = (assessment: UserRiskAssessment, start: string) =>
  assessment.findings.find((f) => f.title.startsWith(start));

/** A sign-in from Seattle, then one from Frankfurt `minutes` later, both successful. */
function twoCountries(minutes: number): SignIn[] {
  return [
    signIn({ createdDateTime: hoursAgo(3), ipAddress: '131.107.1.10' }),
    signIn({
      createdDateTime: new Date(Date.parse(hoursAgo(3)) + minutes * 60_000).toISOString(),
      ipAddress: '185.220.101.4',
      appDisplayName: 'OfficeHome',
      location: { city: 'Frankfurt', countryOrRegion: 'DE' },
      deviceDetail: { operatingSystem: 'Linux', browser: 'Firefox 128.0' },
    }),
  ];
}

describe('assessUserRisk', () => {
  describe('a user at high risk with strong evidence', () => {
    const assessment = assess({
      riskyUser: riskyUser({ riskLevel: 'high', riskState: 'atRisk' }),
      detections: [
        riskDetection('passwordSpray', { ipAddress: '185.220.101.4' }),
        riskDetection('leakedCredentials', {
          ipAddress: null,
          location: null,
          activity: 'user',
          detectedDateTime: hoursAgo(20),
        }),
      ],
    });

    it('is judged likely compromised at high risk', () => {
      expect(assessment.riskLevel).toBe('high');
      expect(assessment.verdict).toBe('High risk — likely compromised');
      expect(assessment.summary).toContain('Adele Vance (adele.vance@contoso.com) is at high risk');
      expect(assessment.summary).toContain('Active detections: Password spray and Leaked credentials.');
      expect(assessment.summary).toContain('contain it now');
    });

    it('confirms compromise first, then resets, revokes, re-registers MFA, hunts persistence and blocks IPs', () => {
      expect(titles(assessment.remediation)).toEqual([
        'Confirm the user compromised',
        'Reset the password',
        'Revoke all sessions',
        'Require re-registration of MFA methods',
        'Look for persistence',
        "Block the attacker's IP addresses",
      ]);
      expect(assessment.remediation.map((step) => step.action)).toEqual([
        'confirmCompromised',
        'resetPassword',
        'revokeSessions',
        undefined,
        undefined,
        undefined,
      ]);
      expect(assessment.remediation[0]?.detail).toContain('Evidence: Password spray and Leaked credentials.');
      expect(assessment.remediation[5]?.detail).toContain('185.220.101.4');
    });

    it('proposes confirm compromised, reset password, revoke sessions and disable, never "dismiss risk" next to them', () => {
      expect(actions(assessment)).toEqual([
        'confirmCompromised',
        'resetPassword',
        'revokeSessions',
        'disableAccount',
      ]);
      expect(assessment.remediation.some((step) => step.action === 'dismissRisk')).toBe(false);
      expect(assessment.proposedActions[0]?.why).toContain('Password spray');
    });

    it('lists each active detection type as a finding with where it came from', () => {
      const spray = finding(assessment, 'Password spray');
      expect(spray).toMatchObject({ severity: 'high', sources: ['riskDetections'] });
      expect(spray?.detail).toBe('1 detection from 185.220.101.4 in Frankfurt, Germany, latest 2 h ago.');
      expect(finding(assessment, 'Leaked credentials')?.detail).toMatch(/^1 detection.*, latest 20 h ago\.$/);
    });

    it('recommends a risk-based policy and spray defences', () => {
      expect(assessment.guidance.join(' ')).toContain('risk-based Conditional Access policy');
      expect(assessment.guidance.join(' ')).toContain('Block legacy authentication');
      expect(assessment.followUps).toEqual(['show sign-ins for adele.vance@contoso.com', 'show risky users']);
    });
  });

  it('treats a medium-risk user with leaked credentials as likely compromised', () => {
    const assessment = assess({
      riskyUser: riskyUser({ riskLevel: 'medium' }),
      detections: [riskDetection('leakedCredentials', { riskLevel: 'medium', ipAddress: null })],
    });
    expect(assessment.verdict).toBe('Medium risk — likely compromised');
    expect(actions(assessment)[0]).toBe('confirmCompromised');
  });

  it('treats two different moderate detections as strong evidence', () => {
    const assessment = assess({
      riskyUser: riskyUser({ riskLevel: 'medium' }),
      detections: [riskDetection('anonymizedIPAddress'), riskDetection('unlikelyTravel')],
    });
    expect(assessment.verdict).toBe('Medium risk — likely compromised');
    expect(assessment.guidance.join(' ')).toContain('anonymous IP addresses');
  });

  describe('a user at medium risk with only a weak detection', () => {
    const assessment = assess({
      riskyUser: riskyUser({ riskLevel: 'medium' }),
      detections: [
        riskDetection('unfamiliarFeatures', {
          riskLevel: 'medium',
          ipAddress: '203.0.113.7',
          location: { city: 'Portland', countryOrRegion: 'US' },
        }),
      ],
    });

    it('needs verification rather than containment', () => {
      expect(assessment.riskLevel).toBe('medium');
      expect(assessment.verdict).toBe('Medium risk — needs verification');
      expect(assessment.summary).toContain(
        'Verify with the user whether this activity was theirs before acting.',
      );
    });

    it('verifies with the user first, then branches on their answer', () => {
      expect(assessment.remediation[0]).toMatchObject({ title: 'Verify with the user out of band' });
      expect(assessment.remediation[0]?.action).toBeUndefined();
      expect(assessment.remediation[0]?.detail).toContain('(Unfamiliar sign-in properties)');
      expect(assessment.remediation[1]).toMatchObject({
        title: 'If it was not them: confirm compromised, reset the password, revoke sessions',
        action: 'confirmCompromised',
      });
      expect(assessment.remediation[2]).toMatchObject({
        title: 'If it was them: dismiss the risk with the reason',
        action: 'dismissRisk',
      });
    });

    it("does not call the flagged IP the attacker's before the user has answered", () => {
      expect(titles(assessment.remediation)).not.toContain("Block the attacker's IP addresses");
      const block = assessment.remediation.find((step) => step.title.includes('block the flagged IP'));
      expect(block?.title).toBe('If it was not them: block the flagged IP addresses');
      expect(block?.detail).toContain('203.0.113.7');
    });

    it('still offers every action, reset first', () => {
      expect(actions(assessment)).toEqual([
        'resetPassword',
        'revokeSessions',
        'confirmCompromised',
        'dismissRisk',
      ]);
    });
  });

  it('treats a weak detection plus sign-ins from two countries within 2 h as strong evidence', () => {
    const assessment = assess({
      riskyUser: riskyUser({ riskLevel: 'medium' }),
      detections: [riskDetection('unfamiliarFeatures', { riskLevel: 'medium' })],
      signIns: twoCountries(40),
    });
    expect(assessment.verdict).toBe('Medium risk — likely compromised');
    expect(assessment.remediation[0]?.detail).toContain(
      'Unfamiliar sign-in properties and sign-ins from two countries',
    );
    expect(assessment.summary).toContain(
      'Sign-ins came from Seattle, United States and Frankfurt, Germany 40 min apart.',
    );
  });

  describe('a confirmed compromised user', () => {
    const assessment = assess({
      riskyUser: riskyUser({
        riskLevel: 'high',
        riskState: 'confirmedCompromised',
        riskDetail: 'adminConfirmedUserCompromised',
      }),
      detections: [riskDetection('adminConfirmedUserCompromised', { riskState: 'confirmedCompromised' })],
    });

    it('is critical', () => {
      expect(assessment.riskLevel).toBe('critical');
      expect(assessment.verdict).toBe('Confirmed compromised');
      expect(assessment.summary).toContain('is confirmed compromised in Identity Protection.');
      expect(assessment.summary).toContain('Contain the account now.');
    });

    it('resets and revokes without asking to confirm again', () => {
      expect(titles(assessment.remediation).slice(0, 2)).toEqual([
        'Reset the password',
        'Revoke all sessions',
      ]);
      expect(actions(assessment)).toEqual(['resetPassword', 'revokeSessions', 'disableAccount']);
      expect(assessment.remediation.map((step) => step.action)).not.toContain('confirmCompromised');
    });
  });

  describe('a user whose risk is no longer active', () => {
    it.each([
      {
        riskState: 'remediated',
        riskDetail: 'userPerformedSecuredPasswordReset',
        verdict: 'Remediated — no active risk',
        words:
          'the risk was remediated — the user reset their password securely (self-service with MFA) 3 d ago.',
      },
      {
        riskState: 'dismissed',
        riskDetail: 'adminDismissedAllRiskForUser',
        verdict: 'Risk dismissed — no active risk',
        words: 'the risk was dismissed — an administrator dismissed the risk 3 d ago.',
      },
      {
        riskState: 'confirmedSafe',
        riskDetail: 'adminConfirmedSigninSafe',
        verdict: 'Confirmed safe',
        words: 'the risk was confirmedSafe — an administrator confirmed the sign-ins safe 3 d ago.',
      },
    ])(
      '$riskState: no containment, no actions, the history in words',
      ({ riskState, riskDetail, verdict, words }) => {
        const assessment = assess({
          riskyUser: riskyUser({
            riskLevel: 'none',
            riskState,
            riskDetail,
            riskLastUpdatedDateTime: daysAgo(3),
          }),
          detections: [riskDetection('unfamiliarFeatures', { riskState, detectedDateTime: daysAgo(4) })],
        });
        expect(assessment.riskLevel).toBe('none');
        expect(assessment.verdict).toBe(verdict);
        expect(assessment.summary).toContain(
          `Adele Vance (adele.vance@contoso.com) has no active identity risk: ${words}`,
        );
        expect(assessment.remediation).toEqual([
          {
            title: 'No containment needed',
            detail: 'Keep watching for new detections; re-check if the user reports anything unusual.',
          },
        ]);
        expect(assessment.proposedActions).toEqual([]);
        // Old detections are history: in the table, not findings.
        expect(assessment.findings).toEqual([]);
        expect(assessment.evidence[0]?.rows[0]).toEqual([
          '4 d ago',
          'Unfamiliar sign-in properties',
          'high',
          '185.220.101.4',
          'Frankfurt, Germany',
          riskState,
        ]);
      },
    );
  });

  describe('a user Identity Protection never flagged', () => {
    const assessment = assess({ riskyUser: null });

    it('says no identity risk was flagged', () => {
      expect(assessment.riskLevel).toBe('none');
      expect(assessment.verdict).toBe('No identity risk flagged');
      expect(assessment.summary).toBe(
        'Identity Protection has not flagged Adele Vance (adele.vance@contoso.com).',
      );
      expect(assessment.facts).toContainEqual({
        label: 'Risk level',
        value: 'none (never flagged by Identity Protection)',
        source: 'riskyUser',
      });
    });

    it('proposes nothing and has nothing to remediate', () => {
      expect(assessment.proposedActions).toEqual([]);
      expect(assessment.remediation).toEqual([]);
      expect(assessment.followUps).toEqual(['show risky users']);
    });
  });

  describe('when Identity Protection could not be read', () => {
    it('reports the risk as unknown, never as "not flagged"', () => {
      const assessment = assess({ riskyUser: undefined });
      expect(assessment.riskLevel).toBe('unknown');
      expect(assessment.verdict).toBe('Risk unknown — Identity Protection did not answer');
      expect(assessment.summary).toContain(
        "Ward could not read Adele Vance's risk from Identity Protection, so this assessment is incomplete.",
      );
      expect(assessment.summary).not.toContain('not flagged');
      expect(assessment.facts.map((fact) => fact.label)).not.toContain('Risk level');
      expect(assessment.proposedActions).toEqual([]);
    });

    it('names every other source that could not be checked', () => {
      const assessment = assess({
        riskyUser: undefined,
        detections: undefined,
        signIns: undefined,
        methods: undefined,
      });
      expect(assessment.summary).toContain(
        'Not checked (source unavailable): risk detections, sign-in logs and authentication methods.',
      );
      expect(assessment.findings).toEqual([]);
      expect(assessment.evidence).toEqual([]);
    });
  });

  describe('sign-ins', () => {
    it('flags sign-ins from two countries within 2 h as a high finding', () => {
      const assessment = assess({ signIns: twoCountries(40) });
      const travel = finding(assessment, 'Signed in from');
      expect(travel).toMatchObject({
        title: 'Signed in from Seattle, United States and Frankfurt, Germany within 40 min',
        severity: 'high',
        sources: ['signIns'],
      });
      expect(travel?.detail).toContain('131.107.1.10 (Office 365 Exchange Online) at 2026-11-24 12:00 UTC');
      expect(travel?.detail).toContain('185.220.101.4 (OfficeHome) at 2026-11-24 12:40 UTC');
      expect(travel?.when).toBe('2026-11-24T12:40:00.000Z');
    });

    it('does not flag two countries five hours apart', () => {
      expect(finding(assess({ signIns: twoCountries(300) }), 'Signed in from')).toBeUndefined();
    });

    it('does not count a failed sign-in from another country as travel', () => {
      const [home, abroad] = twoCountries(20);
      const assessment = assess({
        signIns: [home!, { ...abroad!, status: { errorCode: 50126, failureReason: INVALID_PASSWORD } }],
      });
      expect(finding(assessment, 'Signed in from')).toBeUndefined();
    });

    it('reports five or more failures with the most common reason', () => {
      const assessment = assess({
        signIns: [
          failedSignIn(50126, INVALID_PASSWORD, { createdDateTime: hoursAgo(6) }),
          failedSignIn(50126, INVALID_PASSWORD, { createdDateTime: hoursAgo(5) }),
          failedSignIn(50053, LOCKED_OUT, { createdDateTime: hoursAgo(4) }),
          failedSignIn(50126, INVALID_PASSWORD, { createdDateTime: hoursAgo(3) }),
          failedSignIn(50126, INVALID_PASSWORD, { createdDateTime: hoursAgo(2) }),
          signIn({ createdDateTime: hoursAgo(1) }),
        ],
      });
      expect(finding(assessment, '5 failed sign-ins')).toEqual({
        title: '5 failed sign-ins in the last 6 h',
        detail: `Most common: ${INVALID_PASSWORD} (4).`,
        severity: 'medium',
        when: hoursAgo(2),
        sources: ['signIns'],
      });
      expect(assessment.guidance.join(' ')).toContain('smart lockout');
    });

    it('rates twenty failures high and four not at all', () => {
      const failures = (count: number) =>
        Array.from({ length: count }, (_, index) =>
          failedSignIn(50126, INVALID_PASSWORD, { createdDateTime: hoursAgo(10 - index * 0.1) }),
        );
      expect(finding(assess({ signIns: failures(20) }), '20 failed sign-ins')?.severity).toBe('high');
      expect(assess({ signIns: failures(4) }).findings).toEqual([]);
    });

    it('names a failure without a reason by its error code', () => {
      const signIns = Array.from({ length: 5 }, (_, index) =>
        signIn({ createdDateTime: hoursAgo(5 - index), status: { errorCode: 53003, failureReason: null } }),
      );
      expect(finding(assess({ signIns }), '5 failed sign-ins')?.detail).toBe('Most common: error 53003 (5).');
    });

    it('flags a device first seen in the last day when older sign-ins exist to compare with', () => {
      const assessment = assess({
        signIns: [
          signIn({ createdDateTime: hoursAgo(60) }),
          signIn({
            createdDateTime: hoursAgo(2),
            ipAddress: '198.51.100.23',
            deviceDetail: { displayName: null, operatingSystem: 'iOS 18', browser: 'Safari' },
          }),
        ],
      });
      expect(finding(assessment, 'New device')).toEqual({
        title: 'New device: iOS 18 / Safari',
        detail: 'First seen 2 h ago from Seattle, United States (198.51.100.23).',
        severity: 'medium',
        when: hoursAgo(2),
        sources: ['signIns'],
      });
    });

    it('calls no device new when all history is from the last day', () => {
      const assessment = assess({
        signIns: [
          signIn({ createdDateTime: hoursAgo(20) }),
          signIn({
            createdDateTime: hoursAgo(2),
            deviceDetail: { operatingSystem: 'iOS 18', browser: 'Safari' },
          }),
        ],
      });
      expect(finding(assessment, 'New device')).toBeUndefined();
    });
  });

  describe('MFA coverage', () => {
    it('flags a password-only account as medium, with a step to register MFA', () => {
      const assessment = assess({ methods: [method('password')] });
      expect(finding(assessment, 'No MFA method registered')).toMatchObject({
        severity: 'medium',
        sources: ['authenticationMethods'],
      });
      expect(assessment.riskLevel).toBe('low');
      expect(assessment.summary).toContain('The account has no MFA method registered.');
      expect(titles(assessment.remediation)).toEqual(['Require MFA registration']);
      expect(assessment.guidance.join(' ')).toContain('Enforce MFA registration');
      expect(assessment.facts).toContainEqual({
        label: 'MFA methods',
        value: 'Password',
        source: 'authenticationMethods',
      });
    });

    it('rates missing MFA high, and says register MFA before restoring access, when the user is at risk', () => {
      const assessment = assess({ riskyUser: riskyUser(), methods: [] });
      expect(finding(assessment, 'No MFA method registered')?.severity).toBe('high');
      expect(titles(assessment.remediation)).toContain('Register MFA before restoring access');
      expect(titles(assessment.remediation)).not.toContain('Require re-registration of MFA methods');
      expect(assessment.facts).toContainEqual({
        label: 'MFA methods',
        value: 'none',
        source: 'authenticationMethods',
      });
    });

    it('flags phone-only MFA as a low finding', () => {
      const assessment = assess({ methods: [method('password'), method('phone')] });
      expect(finding(assessment, 'Only weak MFA methods')).toMatchObject({
        severity: 'low',
        sources: ['authenticationMethods'],
      });
      expect(finding(assessment, 'Only weak MFA methods')?.detail).toContain(
        'Registered: Phone (SMS/voice).',
      );
      expect(finding(assessment, 'No MFA')).toBeUndefined();
    });

    it('does not count an email address (self-service password reset only) as MFA', () => {
      const assessment = assess({ methods: [method('password'), method('email')] });
      expect(finding(assessment, 'No MFA method registered')).toBeDefined();
      expect(finding(assessment, 'Only weak MFA methods')).toBeUndefined();
    });

    it('counts a hardware OATH token as MFA', () => {
      const assessment = assess({ methods: [method('password'), method('hardwareOath')] });
      expect(assessment.findings).toEqual([]);
      expect(assessment.facts).toContainEqual({
        label: 'MFA methods',
        value: 'Password, Hardware OATH token',
        source: 'authenticationMethods',
      });
    });

    it('names a method added in the last 14 days in the re-registration step', () => {
      const assessment = assess({
        riskyUser: riskyUser(),
        methods: [
          method('password', { createdDateTime: daysAgo(1) }),
          method('phone'),
          method('microsoftAuthenticator', { createdDateTime: daysAgo(2) }),
        ],
      });
      const step = assessment.remediation.find((s) => s.title === 'Require re-registration of MFA methods');
      // The password's date is its last change (a reset), not a newly added method.
      expect(step?.detail).toBe(
        'Methods added in the last 14 days: Microsoft Authenticator. An attacker with the password may have added one: remove unknown methods.',
      );
    });

    it('asks to review the methods with the user when none was added recently', () => {
      const assessment = assess({ riskyUser: riskyUser() });
      const step = assessment.remediation.find((s) => s.title === 'Require re-registration of MFA methods');
      expect(step?.detail).toContain('review the registered methods with the user');
    });

    it('says nothing about MFA when the methods could not be read', () => {
      const assessment = assess({ methods: undefined });
      expect(assessment.findings).toEqual([]);
      expect(assessment.facts.map((fact) => fact.label)).not.toContain('MFA methods');
      expect(assessment.summary).toContain('Not checked (source unavailable): authentication methods.');
    });
  });

  it('states a disabled account', () => {
    const assessment = assess({ user: graphUser({ accountEnabled: false }), riskyUser: riskyUser() });
    expect(assessment.facts).toContainEqual({ label: 'Account', value: 'disabled', source: 'user' });
    expect(assessment.summary).toContain('The account is disabled.');
  });

  it('points every finding, fact and table at the evidence it rests on', () => {
    const assessment = assess({
      riskyUser: riskyUser(),
      detections: [riskDetection('anonymizedIPAddress')],
      signIns: [
        ...twoCountries(30),
        ...Array.from({ length: 5 }, (_, index) =>
          failedSignIn(50126, INVALID_PASSWORD, { createdDateTime: hoursAgo(1 + index * 0.1) }),
        ),
      ],
      methods: [method('password')],
    });
    expect(
      Object.fromEntries(
        assessment.findings.map((f) => [f.title.split(':')[0]?.split(' within')[0], f.sources]),
      ),
    ).toEqual({
      'Anonymous IP address': ['riskDetections'],
      'Signed in from Seattle, United States and Frankfurt, Germany': ['signIns'],
      '5 failed sign-ins in the last 84 min': ['signIns'],
      'No MFA method registered': ['authenticationMethods'],
    });
    expect(assessment.evidence.map((table) => [table.title, table.source])).toEqual([
      ['Risk detections', 'riskDetections'],
      ['Recent sign-ins that matter', 'signIns'],
    ]);
    expect(Object.fromEntries(assessment.facts.map((fact) => [fact.label, fact.source]))).toEqual({
      'Risk level': 'riskyUser',
      'Risk state': 'riskyUser',
      'Risk updated': 'riskyUser',
      Role: 'user',
      'MFA methods': 'authenticationMethods',
    });
  });

  it('caps the detections table at 10 rows and the sign-ins table at 8', () => {
    const detections: RiskDetection[] = Array.from({ length: 14 }, (_, index) =>
      riskDetection('unfamiliarFeatures', { detectedDateTime: hoursAgo(index + 1) }),
    );
    const signIns = Array.from({ length: 30 }, (_, index) =>
      signIn({ createdDateTime: hoursAgo(index + 1), riskLevelDuringSignIn: 'medium' }),
    );
    const assessment = assess({ riskyUser: riskyUser(), detections, signIns });
    const table = (title: string) => assessment.evidence.find((t) => t.title === title);
    expect(table('Risk detections')?.rows).toHaveLength(10);
    expect(table('Risk detections')?.rows[0]?.[0]).toBe('1 h ago');
    expect(table('Recent sign-ins that matter')?.rows).toHaveLength(8);
    expect(table('Recent sign-ins that matter')?.rows[0]?.[5]).toBe('success (risk medium)');
    // Fourteen detections of one type are one finding.
    expect(assessment.findings.filter((f) => f.sources.includes('riskDetections'))).toHaveLength(1);
    expect(finding(assessment, 'Unfamiliar')?.detail).toContain(
      '14 detections from 185.220.101.4 in Frankfurt',
    );
  });

  describe('values Graph may send that Ward does not know', () => {
    it('describes an unknown detection type by its Graph name', () => {
      const assessment = assess({
        riskyUser: riskyUser({ riskLevel: 'medium' }),
        detections: [riskDetection('nationStateIP', { riskLevel: 'medium' })],
      });
      expect(finding(assessment, 'nationStateIP')?.title).toBe(
        'nationStateIP: a risk detection of this type',
      );
      expect(assessment.evidence[0]?.rows[0]?.[1]).toBe('nationStateIP');
    });

    it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
      'describes a detection type named "%s" as unknown, not as an Object member',
      (type) => {
        expect(describeRiskEvent(type)).toEqual({
          label: type,
          meaning: 'a risk detection of this type',
          strength: 'moderate',
        });
      },
    );

    it('says "at risk" and risk level unknown when Graph hides the level', () => {
      const assessment = assess({
        riskyUser: riskyUser({ riskLevel: 'hidden' }),
        detections: [riskDetection('unfamiliarFeatures', { riskLevel: 'hidden' })],
      });
      expect(assessment.riskLevel).toBe('unknown');
      expect(assessment.verdict).toBe('At risk — needs verification');
      expect(assessment.summary).toContain(
        'Adele Vance (adele.vance@contoso.com) is at risk in Identity Protection.',
      );
      expect(assessment.proposedActions[0]?.why).toBe(
        'Adele Vance is at risk; reset if the activity is not confirmed as theirs.',
      );
    });

    it('does not claim "not flagged" for a risk state it does not recognise', () => {
      const assessment = assess({
        riskyUser: riskyUser({ riskLevel: 'unknownFutureValue', riskState: 'unknownFutureValue' }),
      });
      expect(assessment.riskLevel).toBe('unknown');
      expect(assessment.verdict).toBe(
        'Risk state "unknownFutureValue" not recognised — check Identity Protection',
      );
      expect(assessment.summary).not.toContain('not flagged');
      expect(assessment.proposedActions).toEqual([]);
    });

    it('leaves a failure span out of the title when the failure times cannot be read', () => {
      const signIns = Array.from({ length: 5 }, () =>
        failedSignIn(50126, INVALID_PASSWORD, { createdDateTime: 'not a date' }),
      );
      expect(finding(assess({ signIns }), '5 failed')?.title).toBe('5 failed sign-ins');
    });

    const garbage: { name: string; evidence: Partial<UserRiskEvidence> }[] = [
      {
        name: 'null locations, devices and statuses',
        evidence: {
          riskyUser: riskyUser({ riskLastUpdatedDateTime: null, riskDetail: null }),
          detections: [riskDetection('passwordSpray', { location: null, ipAddress: null })],
          signIns: [
            signIn({ location: null, deviceDetail: null, status: null, createdDateTime: hoursAgo(50) }),
            signIn({ location: { city: null, countryOrRegion: null }, deviceDetail: {}, status: {} }),
          ],
        },
      },
      {
        name: 'missing and unreadable dates',
        evidence: {
          riskyUser: riskyUser({ riskLastUpdatedDateTime: 'yesterday' }),
          detections: [
            riskDetection('leakedCredentials', { detectedDateTime: null, activityDateTime: null }),
            riskDetection('unfamiliarFeatures', { detectedDateTime: '', activityDateTime: 'soon' }),
          ],
          signIns: [
            signIn({ createdDateTime: '' }),
            signIn({ createdDateTime: 'garbage' }),
            ...Array.from({ length: 6 }, () =>
              failedSignIn(50126, '', { createdDateTime: '2026-13-45T99:99:99Z' }),
            ),
          ],
          methods: [
            method('microsoftAuthenticator', { createdDateTime: 'garbage' }),
            method('fido2', { createdDateTime: null }),
          ],
        },
      },
      {
        name: 'unknownFutureValue everywhere',
        evidence: {
          riskyUser: riskyUser({
            riskLevel: 'unknownFutureValue',
            riskState: 'atRisk',
            riskDetail: 'unknownFutureValue',
          }),
          detections: [
            riskDetection('unknownFutureValue', {
              riskLevel: 'unknownFutureValue',
              riskState: 'unknownFutureValue',
              location: { countryOrRegion: 'unknownFutureValue' },
            }),
            riskDetection('unknownFutureValue', { riskLevel: 'unknownFutureValue' }),
          ],
          signIns: [
            signIn({
              riskLevelDuringSignIn: 'unknownFutureValue',
              riskState: 'unknownFutureValue',
              location: { countryOrRegion: 'XX' },
              status: { errorCode: null },
            }),
          ],
          methods: [method('password'), { '@odata.type': '#microsoft.graph.unknownFutureValue', id: 'x' }],
        },
      },
      {
        name: 'a user with nothing but an id, and names that shadow Object members',
        evidence: {
          user: { id: ANOTHER_USER_ID },
          riskyUser: riskyUser({ riskState: 'remediated', riskDetail: 'constructor' }),
          detections: [riskDetection('constructor'), riskDetection('__proto__')],
          methods: [{ '@odata.type': 'constructor', id: 'x' }],
          signIns: [],
        },
      },
    ];

    it.each(garbage)('never throws or prints "undefined"/"NaN" on $name', ({ evidence: overrides }) => {
      const assessment = assess(overrides);
      const text = JSON.stringify(assessment);
      expect(text).not.toMatch(/undefined|NaN|\[object |function |native code/);
      for (const item of [...assessment.findings, ...assessment.remediation]) {
        expect(typeof item.title).toBe('string');
      }
      for (const table of assessment.evidence) {
        for (const row of table.rows) for (const cell of row) expect(typeof cell).toBe('string');
      }
    });
  });

  describe('privileged roles', () => {
    const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';
    const SECURITY_ADMINISTRATOR = '194ae4cb-b126-40b2-bd5b-6091b380977d';
    const role = (overrides: Partial<PrivilegedRoleHolder> = {}): PrivilegedRoleHolder => ({
      roleDefinitionId: GLOBAL_ADMINISTRATOR,
      roleName: 'Global Administrator',
      assignment: 'eligible',
      principalId: ADELE_ID,
      since: daysAgo(21),
      ...overrides,
    });
    const roles = (...holders: PrivilegedRoleHolder[]) => ({ ok: true as const, holders });

    it('names a PIM-eligible Global Administrator without MFA, and raises the posture risk', () => {
      const assessment = assess({ methods: [method('password')], roles: roles(role()) });
      expect(finding(assessment, 'Eligible for Global Administrator (PIM)')).toMatchObject({
        severity: 'high',
        sources: ['roles', 'authenticationMethods'],
      });
      expect(finding(assessment, 'Eligible for Global Administrator')?.detail).toMatch(
        /eligible since .*21 d ago.*register their own method and activate it/,
      );
      expect(assessment.riskLevel).toBe('medium');
      expect(assessment.verdict).toBe('No identity risk flagged — privileged account without MFA');
      expect(assessment.summary).toContain('is eligible for Global Administrator through PIM.');
      expect(assessment.facts).toContainEqual({
        label: 'Privileged roles',
        value: 'Global Administrator (eligible, PIM)',
        source: 'roles',
      });
      expect(titles(assessment.remediation)).toContain('Keep the role unusable until MFA is registered');
      expect(assessment.proposedActions).toEqual([]);
    });

    it('calls an active role "Active", and a privileged user with MFA and no risk only informational', () => {
      const assessment = assess({
        roles: roles(
          role({
            roleDefinitionId: SECURITY_ADMINISTRATOR,
            roleName: 'Security Administrator',
            assignment: 'active',
            since: undefined,
          }),
        ),
      });
      expect(finding(assessment, 'Active Security Administrator')).toMatchObject({ severity: 'medium' });
      expect(assessment.riskLevel).toBe('none');
      expect(assessment.verdict).toBe('No identity risk flagged');
    });

    it('raises a privileged user at risk one level, and asks to remove the roles until the account is clean', () => {
      const assessment = assess({
        riskyUser: riskyUser({ riskLevel: 'high', riskState: 'atRisk' }),
        detections: [riskDetection('passwordSpray')],
        roles: roles(
          role(),
          role({
            roleDefinitionId: SECURITY_ADMINISTRATOR,
            roleName: 'Security Administrator',
            assignment: 'active',
          }),
        ),
      });
      expect(assessment.riskLevel).toBe('critical');
      expect(finding(assessment, 'Eligible for Global Administrator (PIM)')).toMatchObject({
        severity: 'critical',
      });
      expect(finding(assessment, 'Active Security Administrator')).toMatchObject({ severity: 'high' });
      expect(assessment.summary).toContain(
        'holds Security Administrator and is eligible for Global Administrator through PIM: treat a compromise of this account as a compromise of the tenant.',
      );
      expect(titles(assessment.remediation)).toContain(
        'Remove the privileged roles until the account is clean',
      );
    });

    it('ignores other principals\' roles, says "none" when the user holds none, and names a failed source', () => {
      const others = assess({ roles: roles(role({ principalId: ANOTHER_USER_ID })) });
      expect(others.findings.some((f) => f.title.includes('Global Administrator'))).toBe(false);
      expect(others.facts).toContainEqual({
        label: 'Privileged roles',
        value: 'none (no active or PIM-eligible assignment)',
        source: 'roles',
      });
      const failed = assess({ roles: { ok: false } });
      expect(failed.summary).toContain('Not checked (source unavailable): privileged roles.');
      expect(failed.facts.some((fact) => fact.label === 'Privileged roles')).toBe(false);
    });
  });
});
