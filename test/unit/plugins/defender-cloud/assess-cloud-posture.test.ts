/**
 * The cloud posture assessment, from plugin data alone: which findings are the risky ones (Defender CSPM's
 * level, else severity raised by attack paths), which resources the internet reaches (risk factors, the
 * assessment's data, attack paths), what the answer says for each kind of question, who the fix is delegated
 * to (owner tag, existing or overdue assignment, none), the estimated score trend, and sources that failed.
 */
import { describe, expect, it } from 'vitest';
import {
  assessCloudPosture,
  type CloudPostureInput,
  dueDaysFor,
  type PostureFocus,
  rankCloudRisks,
  selectRisks,
} from '../../../../src/plugins/defender-cloud/assess-cloud-posture.js';
import { estimateScoreTrend } from '../../../../src/plugins/defender-cloud/estimate-score-trend.js';
import {
  APP_PROD_01,
  assignment,
  attackPath,
  CUSTOMER_DATA,
  control,
  DAY,
  daysAgo,
  MANAGEMENT_PORTS,
  NOW,
  recommendation,
  SHARED_KEY,
  secureScore,
  VULNERABILITIES,
  WEB_PROD_01,
} from './fixtures.js';

const HEADLINE: PostureFocus = {
  kind: 'estate',
  exposedOnly: true,
  levels: ['critical', 'high'],
  topic: 'risks',
};

/** web-prod-01's vulnerabilities (on the path), its open management ports, app-prod-01's and the storage's findings. */
function estate() {
  return [
    recommendation({ cves: ['CVE-2024-3400'], statusDescription: 'CVE-2024-3400 found.' }),
    recommendation({
      assessmentKey: MANAGEMENT_PORTS,
      displayName: 'Management ports should be closed on your virtual machines',
      severity: 'Medium',
      statusChangeDate: daysAgo(40),
    }),
    recommendation({ resourceId: APP_PROD_01, statusChangeDate: daysAgo(1) }),
    recommendation({
      resourceId: CUSTOMER_DATA,
      assessmentKey: SHARED_KEY,
      displayName: 'Storage accounts should prevent shared key access',
      severity: 'Medium',
    }),
  ];
}

function assess(overrides: Partial<CloudPostureInput> = {}) {
  return assessCloudPosture({
    focus: HEADLINE,
    recommendations: estate(),
    attackPaths: [attackPath()],
    secureScores: [secureScore()],
    subscriptionNames: ['Contoso Production'],
    now: NOW,
    ...overrides,
  });
}

describe('ranking risks', () => {
  it('raises a high-severity finding on a critical attack path to critical and puts it first', () => {
    const risks = rankCloudRisks(estate(), [attackPath()]);
    expect(risks[0]).toMatchObject({
      level: 'critical',
      internetExposed: true,
      exposure: 'an attack path starts from the internet',
    });
    expect(risks[0]?.recommendation.resource.name).toBe('web-prod-01');
    expect(risks[0]?.attackPaths.map((path) => path.riskLevel)).toEqual(['Critical']);
    // Same recommendation elsewhere, off the path: its own severity, not exposed.
    expect(risks.find((risk) => risk.recommendation.resource.id === APP_PROD_01)).toMatchObject({
      level: 'high',
      internetExposed: false,
    });
  });

  it('uses Defender CSPM’s own risk level and exposure factor when the tenant has them', () => {
    const [risk] = rankCloudRisks([
      recommendation({ riskLevel: 'Low', riskFactors: ['Internet exposure'], internetExposed: true }),
    ]);
    expect(risk).toMatchObject({ level: 'low', internetExposed: true });
  });

  it('ignores healthy and not-applicable assessments', () => {
    expect(
      rankCloudRisks([recommendation({ status: 'Healthy' }), recommendation({ status: 'NotApplicable' })]),
    ).toEqual([]);
  });

  it('selects by exposure and level, by resource (and recommendation), or by recommendation', () => {
    const risks = rankCloudRisks(estate(), [attackPath()]);
    expect(selectRisks(risks, HEADLINE).map((r) => r.recommendation.resource.name)).toEqual(['web-prod-01']);
    expect(selectRisks(risks, { kind: 'resource', resourceId: WEB_PROD_01.toUpperCase() })).toHaveLength(2);
    expect(
      selectRisks(risks, { kind: 'resource', resourceId: WEB_PROD_01, assessmentKey: MANAGEMENT_PORTS }),
    ).toHaveLength(1);
    expect(selectRisks(risks, { kind: 'recommendation', assessmentKey: VULNERABILITIES })).toHaveLength(2);
  });

  it('gives a due date by risk: 7 days critical, 14 high, 30 medium, 90 low, 30 unrated', () => {
    expect(['critical', 'high', 'medium', 'low', 'unknown'].map((l) => dueDaysFor(l as never))).toEqual([
      7, 14, 30, 90, 30,
    ]);
  });
});

describe('the headline: critical risks on internet-exposed resources', () => {
  it('names the exposed resource, its critical finding, the attack path and the score', () => {
    const posture = assess();
    expect(posture.riskLevel).toBe('critical');
    // Its open management ports are medium (not on the path here): not what was asked for.
    expect(posture.title).toBe('1 critical or high risk on 1 internet-exposed resource');
    expect(posture.summary).toContain(
      'Most urgent: "Machines should have vulnerability findings resolved" on web-prod-01',
    );
    expect(posture.summary).toContain('CVE-2024-3400');
    expect(posture.summary).toContain('on the attack path "Internet exposed VM');
    expect(posture.summary).toContain('Secure score 60% (30 of 50 points)');
    expect(posture.findings[0]).toMatchObject({
      title: 'web-prod-01: Machines should have vulnerability findings resolved',
      severity: 'critical',
      sources: ['recommendations', 'attackPaths'],
    });
    expect(posture.evidence[0]?.rows).toEqual([
      [
        'web-prod-01 (virtual machine)',
        'Machines should have vulnerability findings resolved',
        'critical',
        'High',
        'internet',
        '2 d ago',
      ],
    ]);
    expect(posture.facts).toContainEqual({
      label: 'Risks on exposed resources',
      value: '1 critical · 1 medium',
    });
    expect(posture.remediation.map((step) => step.title)).toContain('Patch CVE-2024-3400 on web-prod-01.');
    expect(posture.exposedResources.map((resource) => resource.name)).toEqual(['web-prod-01']);
  });

  it('says there are none at the levels asked, and rates by what there is', () => {
    const posture = assess({
      recommendations: [
        recommendation({ severity: 'Medium', riskFactors: ['Internet exposure'], internetExposed: true }),
      ],
      attackPaths: [],
    });
    expect(posture.title).toBe('No critical or high risks on internet-exposed resources');
    expect(posture.summary).toContain('1 other unhealthy recommendation (1 medium)');
    expect(posture.riskLevel).toBe('medium');
  });
});

describe('delegation', () => {
  const top = () => rankCloudRisks(estate(), [attackPath()])[0]!;

  it('proposes the owner the resource’s tag names, due by risk, when nobody owns the fix', () => {
    const posture = assess({
      delegation: {
        risk: top(),
        assignments: [],
        owner: { email: 'nestor.wilke@contoso.com', tag: 'owner' },
        ownerRead: true,
      },
    });
    expect(posture.proposal).toMatchObject({
      owner: 'nestor.wilke@contoso.com',
      ownerTag: 'owner',
      dueInDays: 7,
    });
    expect(posture.remediation.at(-1)).toMatchObject({
      title: 'Assign nestor.wilke@contoso.com as owner, due in 7 days',
      action: 'assignOwner',
    });
    expect(posture.facts).toContainEqual({
      label: 'Owner (web-prod-01)',
      value: 'none assigned · owner tag: nestor.wilke@contoso.com',
    });
  });

  it('shows an existing owner and proposes nothing', () => {
    const posture = assess({ delegation: { risk: top(), assignments: [assignment()], ownerRead: true } });
    expect(posture.proposal).toBeUndefined();
    expect(posture.summary).toContain('is assigned to nestor.wilke@contoso.com, due 2025-06-16.');
    expect(posture.findings.find((f) => f.sources.includes('governance'))).toMatchObject({
      severity: 'none',
    });
  });

  it('flags an overdue assignment', () => {
    const overdue = assignment({ remediationDueDate: daysAgo(5) });
    const posture = assess({ delegation: { risk: top(), assignments: [overdue], ownerRead: true } });
    expect(posture.summary).toContain('(overdue by 5 d)');
    expect(posture.findings.find((f) => f.sources.includes('governance'))).toMatchObject({
      title: 'Overdue: nestor.wilke@contoso.com owns fixing it on web-prod-01, due 2025-06-06',
      severity: 'high',
    });
  });

  it('asks for an owner tag when the resource has none, and proposes nothing', () => {
    const posture = assess({ delegation: { risk: top(), assignments: [], ownerRead: true } });
    expect(posture.proposal).toBeUndefined();
    expect(posture.remediation.at(-1)?.title).toBe('Give web-prod-01 an owner');
  });

  it('proposes nothing when the assignments could not be read', () => {
    const posture = assess({
      delegation: {
        risk: top(),
        owner: { email: 'nestor.wilke@contoso.com', tag: 'owner' },
        ownerRead: true,
      },
    });
    expect(posture.proposal).toBeUndefined();
  });
});

describe('other questions', () => {
  it('a resource: its findings and the attack paths through it', () => {
    const posture = assess({ focus: { kind: 'resource', resourceId: WEB_PROD_01 } });
    expect(posture.title).toBe('web-prod-01 (virtual machine): critical risk, internet-exposed');
    expect(posture.risks).toHaveLength(2);
    expect(posture.evidence.map((table) => table.title)).toEqual([
      'Unhealthy recommendations on web-prod-01',
      'Attack paths',
    ]);
  });

  it('a recommendation: the resources it is unhealthy on', () => {
    const posture = assess({ focus: { kind: 'recommendation', assessmentKey: VULNERABILITIES } });
    expect(posture.title).toBe('Machines should have vulnerability findings resolved: 2 unhealthy resources');
    expect(posture.evidence[0]?.title).toBe('Affected resources');
  });

  it('the secure score leads the answer it is asked about', () => {
    const posture = assess({ focus: { ...HEADLINE, exposedOnly: false, topic: 'score' } });
    expect(posture.title).toMatch(/^Secure score 60%/);
    expect(posture.summary).toMatch(/^Secure score 60%/);
    expect(posture.evidence[0]?.source).toBe('secureScore');
  });

  it('answers with the attack paths when the recommendations could not be read', () => {
    const posture = assess({ recommendations: undefined, focus: { ...HEADLINE, topic: 'attackPaths' } });
    expect(posture.riskLevel).toBe('unknown');
    expect(posture.title).toBe('1 attack path, 1 critical');
    expect(posture.findings.map((f) => f.title)).toEqual([expect.stringMatching(/^Attack path: /)]);
    expect(posture.proposal).toBeUndefined();
  });
});

describe('secure score trend', () => {
  it('estimates the score before recent status changes', () => {
    const assessments = [
      recommendation({ statusChangeDate: daysAgo(2) }),
      recommendation({ resourceId: APP_PROD_01, status: 'Healthy', statusChangeDate: daysAgo(30) }),
    ];
    const trend = estimateScoreTrend([control()], assessments, NOW, 7);
    expect(trend).toMatchObject({ currentPercentage: 0.5, pastPercentage: 1, changePoints: -50 });
    expect(trend?.worsened.map((r) => r.resource.name)).toEqual(['web-prod-01']);
    expect(trend?.improved).toEqual([]);
  });

  it('leaves out what was first evaluated within the window', () => {
    const assessments = [
      recommendation({ firstEvaluationDate: daysAgo(1), statusChangeDate: daysAgo(1) }),
      recommendation({ resourceId: APP_PROD_01, status: 'Healthy', statusChangeDate: daysAgo(30) }),
    ];
    expect(estimateScoreTrend([control()], assessments, NOW, 7)).toMatchObject({ pastPercentage: 1 });
  });

  it('has nothing to say when the controls name no recommendations', () => {
    expect(estimateScoreTrend([control({ assessmentKeys: [] })], estate(), NOW)).toBeUndefined();
  });

  it('says on the answer that the trend is estimated', () => {
    const posture = assess({ now: new Date(NOW.getTime() + DAY * 0) });
    expect(posture.facts.find((fact) => fact.label.startsWith('Trend'))?.label).toBe(
      'Trend (7 d, estimated)',
    );
  });
});
