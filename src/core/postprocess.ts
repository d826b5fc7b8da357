/**
 * Post-processing: the gate every planner's answer passes before it is stored or shown. Validates the draft
 * against the Answer schema, keeps only statements whose citations point at sources that answered, keeps
 * only proposed actions whose target was grounded, marks the answer partial when a source failed, and
 * redacts secrets. Whatever a planner (or a model) produced, what leaves here is well-formed and cited.
 */
import { type Answer, type AnswerDraft, type AnswerNotice, answerSchema, type Source } from './answer.js';
import { boundedText } from './bounded-text.js';
import { WardError } from './errors.js';
import { redactDeep } from './redact-secrets.js';

export interface PostprocessContext {
  /** Ids of targets that appeared in the question or in grounded evidence; other targets cannot be proposed. */
  groundedTargets: ReadonlySet<string>;
  skillCalls: number;
  tokens?: number;
}

export function postprocess(draft: AnswerDraft, context: PostprocessContext): Answer {
  // Redact before validating: a marker can be longer than the secret it replaces ("pwd=abcd"), and what leaves
  // here must still pass the schema the store checks when it reads the answer back.
  const parsed = answerSchema.safeParse(withinBounds(redactDeep(draft)));
  if (!parsed.success) {
    throw new WardError(
      'invalid_answer',
      `The planner produced an answer Ward cannot show: ${parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
        .join('; ')}`,
      { cause: parsed.error },
    );
  }
  const answer = parsed.data;
  const answered = new Set(answer.sources.filter((source) => source.ok).map((source) => source.id));
  const cited = (citations: string[]) => citations.filter((id) => answered.has(id));

  const findings = answer.findings
    .map((finding) => ({ ...finding, citations: cited(finding.citations) }))
    .filter((finding) => finding.citations.length > 0);
  const evidence = answer.evidence
    .map((table) => ({
      ...table,
      citations: cited(table.citations),
      rows: table.rows.map((row) => row.slice(0, table.columns.length)),
    }))
    .filter((table) => table.citations.length > 0);
  const proposedActions = answer.proposedActions.filter((proposal) =>
    context.groundedTargets.has(proposal.target.id),
  );

  return {
    ...answer,
    findings,
    evidence,
    proposedActions,
    notices: [...injectionNotices(answer.sources), ...answer.notices].slice(0, 10),
    partial: answer.sources.some((source) => !source.ok),
    cost: { skillCalls: context.skillCalls, tokens: context.tokens ?? 0 },
  };
}

/**
 * One notice per source whose data holds instructions aimed at an AI: which source, which field, what it says
 * (already redacted and bounded). Ward ignored it; the analyst should know someone planted it.
 */
function injectionNotices(sources: readonly Source[]): AnswerNotice[] {
  return sources
    .filter((source) => source.ok && source.flagged?.length)
    .slice(0, 5)
    .map((source) => {
      const [first, ...rest] = source.flagged ?? [];
      const more = rest.length ? ` and ${rest.length} more field${rest.length === 1 ? '' : 's'}` : '';
      return {
        kind: 'injection' as const,
        text: `${source.service} data (${source.id}) contains instructions aimed at an AI, in ${first?.field}${more}: “${first?.excerpt}”. Ward ignored them; check who wrote it.`.slice(
          0,
          600,
        ),
        citations: [source.id],
      };
    });
}

/**
 * The draft with its free text cut to the schema's bounds. Text comes from the tenant (a 256-character display
 * name in a title): whoever controls it must not be able to make an answer fail validation and vanish.
 * Structure (ids, citations, enums, counts) is still the schema's to refuse.
 */
function withinBounds(draft: AnswerDraft): AnswerDraft {
  if (draft === null || typeof draft !== 'object') return draft;
  const text = <T>(value: T, max: number): T =>
    typeof value === 'string' ? (boundedText(value, max) as T) : value;
  const list = <T>(items: T[] | undefined, bound: (item: T) => T): T[] | undefined =>
    Array.isArray(items)
      ? items.map((item) => (item !== null && typeof item === 'object' ? bound(item) : item))
      : items;
  return {
    ...draft,
    title: text(draft.title, 200),
    summary: text(draft.summary, 4_000),
    findings: list(draft.findings, (finding) => ({
      ...finding,
      title: text(finding.title, 200),
      detail: text(finding.detail, 2_000),
    })),
    remediation: list(draft.remediation, (step) => ({
      ...step,
      title: text(step.title, 200),
      detail: text(step.detail, 1_000),
    })),
    guidance: Array.isArray(draft.guidance)
      ? draft.guidance.map((line) => text(line, 1_000))
      : draft.guidance,
    followUps: Array.isArray(draft.followUps)
      ? draft.followUps.map((line) => text(line, 200))
      : draft.followUps,
    proposedActions: list(draft.proposedActions, (proposal) => ({
      ...proposal,
      title: text(proposal.title, 60),
      why: text(proposal.why, 500),
    })),
    notices: list(draft.notices, (notice) => ({ ...notice, text: text(notice.text, 600) })),
  };
}
