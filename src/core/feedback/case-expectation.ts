/**
 * What a labelled case expects of the planner when its question is asked again: the correction the label
 * implies, as checks a machine can run. Derived once, when the label is recorded, from what the analyst said
 * and what the recorded answer claimed:
 * - a risk dismissed as a false positive: the user must not be rated high or critical, and no containment
 *   (the destructive Entra actions) may be proposed for them;
 * - "wrong conclusion": the recorded risk level is wrong, so the replay must reach another one;
 * - "missing source": the replay must consult a skill the recorded answer did not;
 * - "unsafe suggestion": the recorded proposals must not be proposed again;
 * - "wrong data", "other" or no reason (a thumbs down): the answer must change (risk level or findings).
 * An admin can replace the derived checks with an `expect` block in the case file, in the same shape.
 * Pure: no clock, no I/O.
 */
import { z } from 'zod/v4';
import { ENTRA_ACTIONS } from '../../plugins/entra/entra-actions.js';
import { type Answer, type RiskLevel, riskLevelSchema } from '../answer.js';
import type { FeedbackReason } from './feedback-reason.js';

export const caseExpectationSchema = z.strictObject({
  /** Why these checks, in words (written by Ward, or by the admin who edits them). */
  note: z.string().max(2_000).optional(),
  /** The replayed answer's risk level must be one of these (empty: labels that contradict each other). */
  riskLevelIn: z.array(riskLevelSchema).optional(),
  /** The replayed answer's risk level must be none of these. */
  riskLevelNotIn: z.array(riskLevelSchema).min(1).optional(),
  /** None of these actions may be proposed (for `targetId` only, when given). */
  noActions: z
    .array(z.strictObject({ actions: z.array(z.string().min(1)).min(1), targetId: z.string().optional() }))
    .min(1)
    .optional(),
  /** Every one of these skills (`plugin.skill`) must be called. */
  callsSkills: z.array(z.string().min(1)).min(1).optional(),
  /** At least one skill besides these must be called. */
  callsSkillBeyond: z.array(z.string().min(1)).optional(),
  /** The replayed answer must not repeat the recorded one: a different risk level or different findings. */
  differsFrom: z.strictObject({ riskLevel: riskLevelSchema, findings: z.array(z.string()) }).optional(),
  /** Text the summary must contain, each (case-insensitive). */
  summaryIncludes: z.array(z.string().min(1)).min(1).optional(),
  /** Text the summary must not contain (case-insensitive). */
  summaryExcludes: z.array(z.string().min(1)).min(1).optional(),
});
export type CaseExpectation = z.infer<typeof caseExpectationSchema>;

/** Containment of a user: the destructive Entra actions (confirm compromised, reset password, revoke, disable). */
export const USER_CONTAINMENT_ACTIONS: readonly string[] = Object.values(ENTRA_ACTIONS)
  .filter((action) => action.destructive)
  .map((action) => `entra.${action.name}`);

/** What the recorded answer claimed, as far as the checks need it. */
export interface RecordedClaims {
  riskLevel: RiskLevel;
  findings: string[];
  proposedActions: { action: string; targetId: string }[];
  /** Skills the answer called, `plugin.skill`. */
  skills: string[];
}

/** The claims of a stored Answer. */
export function recordedClaims(answer: Answer): RecordedClaims {
  return {
    riskLevel: answer.riskLevel,
    findings: answer.findings.map((finding) => finding.title),
    proposedActions: answer.proposedActions.map((proposal) => ({
      action: proposal.action,
      targetId: proposal.target.id,
    })),
    skills: [...new Set(answer.sources.map(skillRef))],
  };
}

/** `plugin.skill` of a source, whichever way its skill was written. */
export function skillRef(source: { plugin: string; skill: string }): string {
  return source.skill.includes('.') ? source.skill : `${source.plugin}.${source.skill}`;
}

/** The expectation of a risk dismissed as a false positive for `userId`. */
export function dismissedFalsePositiveExpectation(userId: string, userName?: string): CaseExpectation {
  return {
    note: `The risk of ${userName ?? userId} was dismissed as a false positive: they must not be rated high or critical, and no containment may be proposed for them.`,
    riskLevelNotIn: ['high', 'critical'],
    noActions: [{ actions: [...USER_CONTAINMENT_ACTIONS], targetId: userId }],
  };
}

/** The expectation of negative feedback with `reason` (none for a thumbs down) on an answer that claimed `claims`. */
export function negativeFeedbackExpectation(
  reason: FeedbackReason | null | undefined,
  claims: RecordedClaims,
): CaseExpectation {
  switch (reason) {
    case 'wrong-conclusion':
      return {
        note: `The conclusion was wrong: the recorded risk level (${claims.riskLevel}) must not be reached again.`,
        riskLevelNotIn: [claims.riskLevel],
      };
    case 'missing-source':
      return {
        note: 'A source was missing: the answer must consult a skill the recorded answer did not.',
        callsSkillBeyond: [...claims.skills],
      };
    case 'unsafe-suggestion':
      return claims.proposedActions.length > 0
        ? {
            note: 'A suggestion was unsafe: the recorded proposals must not be made again.',
            noActions: [{ actions: [...new Set(claims.proposedActions.map((proposal) => proposal.action))] }],
          }
        : {
            note: 'A suggestion was unsafe (the answer proposed no action: a remediation step or guidance): the answer must change.',
            differsFrom: { riskLevel: claims.riskLevel, findings: claims.findings },
          };
    default:
      return {
        note:
          reason === 'wrong-data'
            ? 'The data was wrong: the answer must change (its risk level or its findings).'
            : 'The answer was rated down: it must change (its risk level or its findings). Edit `expect` to say how.',
        differsFrom: { riskLevel: claims.riskLevel, findings: claims.findings },
      };
  }
}

/** Every check of every expectation, in one: a replay must satisfy all the labels of its answer. */
export function mergeExpectations(expectations: readonly CaseExpectation[]): CaseExpectation {
  const merged: CaseExpectation = {};
  const union = <T>(left: readonly T[] | undefined, right: readonly T[] | undefined) =>
    left || right ? [...new Set([...(left ?? []), ...(right ?? [])])] : undefined;
  for (const next of expectations) {
    const notes = [merged.note, next.note].filter((note): note is string => !!note);
    if (notes.length) merged.note = [...new Set(notes)].join(' ');
    if (next.riskLevelIn) {
      merged.riskLevelIn = merged.riskLevelIn
        ? merged.riskLevelIn.filter((level) => next.riskLevelIn?.includes(level))
        : [...next.riskLevelIn];
    }
    merged.riskLevelNotIn = union(merged.riskLevelNotIn, next.riskLevelNotIn);
    if (next.noActions) merged.noActions = dedupeByJson([...(merged.noActions ?? []), ...next.noActions]);
    merged.callsSkills = union(merged.callsSkills, next.callsSkills);
    merged.callsSkillBeyond = union(merged.callsSkillBeyond, next.callsSkillBeyond);
    merged.differsFrom ??= next.differsFrom;
    merged.summaryIncludes = union(merged.summaryIncludes, next.summaryIncludes);
    merged.summaryExcludes = union(merged.summaryExcludes, next.summaryExcludes);
  }
  return Object.fromEntries(
    Object.entries(merged).filter(([, value]) => value !== undefined),
  ) as CaseExpectation;
}

function dedupeByJson<T>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
