/**
 * The headline of a posture review (identity posture, joiner/mover/leaver processes): the risk level of its
 * worst finding, a verdict ("5 findings, 2 high or critical"), and a summary naming where to start and which
 * sources could not be checked. Findings arrive sorted, worst first; SEVERITY_ORDER is that order.
 */
import type { Level } from './assess-user-risk.js';

export const SEVERITY_ORDER: readonly Level[] = ['critical', 'high', 'medium', 'low', 'none', 'unknown'];

export interface FindingsSummary {
  riskLevel: Level;
  verdict: string;
  summary: string;
}

/**
 * `scope` follows "Ward found 5 findings" (e.g. " in the joiner, mover and leaver processes", or ""); `none`
 * is the whole sentence when there are no findings.
 */
export function summariseFindings(
  findings: readonly { severity: Level; title: string }[],
  unknown: readonly string[],
  wording: { scope: string; none: string },
): FindingsSummary {
  const riskLevel: Level = findings[0]?.severity ?? (unknown.length ? 'unknown' : 'none');
  const serious = findings.filter((f) => f.severity === 'critical' || f.severity === 'high');
  const verdict = findings.length
    ? `${findings.length} ${findings.length === 1 ? 'finding' : 'findings'}${serious.length ? `, ${serious.length} high or critical` : ''}`
    : unknown.length
      ? 'incomplete'
      : 'no findings';
  const start = serious.length
    ? `; start with: ${serious
        .slice(0, 3)
        .map((f) => f.title)
        .join('; ')}`
    : '';
  const summary = [
    findings.length ? `Ward found ${verdict}${wording.scope}${start}.` : wording.none,
    unknown.length ? `Could not check: ${unknown.join(', ')} (source unavailable).` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return { riskLevel, verdict, summary };
}
