/**
 * Checks a replayed answer against a case's expectation and says, for each check that fails, why — in words
 * an admin can act on ("risk level is high; expected not high or critical"). Pure.
 */
import type { CaseExpectation } from './case-expectation.js';
import type { ReplayResult } from './replay-case.js';

/** The verdict on one replay. */
export interface CaseVerdict {
  passed: boolean;
  /** One line per failed check; empty when passed. */
  failures: string[];
  /** How many checks ran. */
  checks: number;
}

/** Checks `replay` against `expectation`. A replay without an answer (help, an error) fails. */
export function checkCase(replay: ReplayResult, expectation: CaseExpectation): CaseVerdict {
  const { outcome } = replay;
  if (outcome.kind === 'help') {
    return {
      passed: false,
      checks: 1,
      failures: [`no answer: the planner answered with help${outcome.reason ? ` (${outcome.reason})` : ''}`],
    };
  }
  if (outcome.kind === 'error') {
    return { passed: false, checks: 1, failures: [`no answer: the replay failed (${outcome.message})`] };
  }
  const { answer } = outcome;
  const failures: string[] = [];
  let checks = 0;
  const check = (ok: boolean, failure: () => string) => {
    checks += 1;
    if (!ok) failures.push(failure());
  };

  if (expectation.riskLevelIn) {
    const allowed = expectation.riskLevelIn;
    check(allowed.includes(answer.riskLevel), () =>
      allowed.length === 0
        ? 'the labels contradict each other: no risk level satisfies them'
        : `risk level is ${answer.riskLevel}; expected ${allowed.join(' or ')}`,
    );
  }
  if (expectation.riskLevelNotIn) {
    const refused = expectation.riskLevelNotIn;
    check(
      !refused.includes(answer.riskLevel),
      () => `risk level is ${answer.riskLevel}; expected not ${refused.join(' or ')}`,
    );
  }
  for (const rule of expectation.noActions ?? []) {
    const proposed = answer.proposedActions.filter(
      (proposal) =>
        rule.actions.includes(proposal.action) &&
        (rule.targetId === undefined || sameId(proposal.target.id, rule.targetId)),
    );
    check(proposed.length === 0, () => {
      const byTarget = new Map<string, string[]>();
      for (const proposal of proposed) {
        const target = proposal.target.displayName ?? proposal.target.id;
        byTarget.set(target, [...(byTarget.get(target) ?? []), proposal.action]);
      }
      const listed = [...byTarget]
        .map(([target, actions]) => `${actions.join(', ')} for ${target}`)
        .join('; ');
      return `proposes ${listed}; expected none of ${rule.actions.join(', ')}${rule.targetId ? ` for ${rule.targetId}` : ''}`;
    });
  }
  for (const skill of expectation.callsSkills ?? []) {
    check(replay.calledSkills.includes(skill), () => `does not call ${skill}`);
  }
  if (expectation.callsSkillBeyond) {
    const known = new Set(expectation.callsSkillBeyond);
    const beyond = [...new Set(replay.calledSkills.filter((skill) => !known.has(skill)))];
    check(
      beyond.length > 0,
      () => `calls no skill besides those the recorded answer used (${[...known].join(', ') || 'none'})`,
    );
  }
  if (expectation.differsFrom) {
    const recorded = expectation.differsFrom;
    const findings = answer.findings.map((finding) => finding.title);
    const same =
      answer.riskLevel === recorded.riskLevel &&
      findings.length === recorded.findings.length &&
      findings.every((title, index) => title === recorded.findings[index]);
    check(
      !same,
      () =>
        `gives the recorded answer again (risk ${answer.riskLevel}, ${findings.length} finding${findings.length === 1 ? '' : 's'} unchanged)`,
    );
  }
  const summary = answer.summary.toLowerCase();
  for (const text of expectation.summaryIncludes ?? []) {
    check(summary.includes(text.toLowerCase()), () => `summary does not mention “${text}”`);
  }
  for (const text of expectation.summaryExcludes ?? []) {
    check(!summary.includes(text.toLowerCase()), () => `summary mentions “${text}”`);
  }
  if (checks === 0) {
    return { passed: false, checks: 0, failures: ['the case has no checks: add an `expect` block'] };
  }
  return { passed: failures.length === 0, failures, checks };
}

function sameId(left: string, right: string): boolean {
  return left.toLowerCase() === right.toLowerCase();
}
