/**
 * Orders Defender for Cloud levels (risk levels Low…Critical, severities Low…High) and maps them onto Ward's
 * risk levels, so every skill and the posture assessment sort and compare them the same way. Pure.
 */
import type { RiskLevel } from '../../core/answer.js';

const RANK: Readonly<Record<string, number>> = { low: 1, medium: 2, high: 3, critical: 4 };

/** 4 for Critical … 1 for Low, 0 for anything else (absent, "Unknown"). */
export function levelRank(level: string | undefined): number {
  return level === undefined ? 0 : (RANK[level.toLowerCase()] ?? 0);
}

/** Ward's risk level for a Defender for Cloud level ("High" → `high`); `unknown` when it is not one. */
export function toRiskLevel(level: string | undefined): RiskLevel {
  switch (levelRank(level)) {
    case 4:
      return 'critical';
    case 3:
      return 'high';
    case 2:
      return 'medium';
    case 1:
      return 'low';
    default:
      return 'unknown';
  }
}

/** The higher of two levels, as written ("Critical"); undefined when neither is a level. */
export function higherLevel(a: string | undefined, b: string | undefined): string | undefined {
  return levelRank(b) > levelRank(a) ? b : levelRank(a) > 0 ? a : undefined;
}
