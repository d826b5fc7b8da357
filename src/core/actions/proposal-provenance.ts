/**
 * Where a proposed action came from, for the audit trail: the answer that proposed it (its question, title and
 * planner) and the sources that answer cited for it — the findings about the action's target (or, when none
 * names it, every finding), each source as `plugin.skill` with the request behind it. Read from the stored
 * answer and its snapshot (`answer_sources`); when the answer is no longer stored (retention), from the
 * sources the audit record itself kept. Pure: it never reads the store or changes a record.
 */
import type { Answer, Source, Target } from '../answer.js';

/** The answer and sources behind an audited action. */
export interface ProposalProvenance {
  answerId: string;
  /** Null when the answer is no longer stored. */
  question: string | null;
  title: string | null;
  /** `rules`, or the model name. */
  planner: string | null;
  /** The sources cited for the proposal, in citation order. */
  sources: ProvenanceSource[];
}

/** One source cited for a proposal. */
export interface ProvenanceSource {
  /** `S2`. */
  id: string;
  /** `entra.riskyUser`. */
  ref: string;
  /** The first request behind it (Graph path, KQL ...); null when it made none. */
  request: string | null;
  /** The plugin's version when it answered, from the snapshot. */
  pluginVersion: string | null;
  ok: boolean;
}

/** The stored answer as the provenance needs it. */
export interface ProvenanceAnswer {
  id: string;
  question: string;
  answer: Pick<Answer, 'title' | 'planner' | 'findings' | 'evidence' | 'sources'>;
}

/** The snapshot rows as the provenance needs them. */
export interface ProvenanceSnapshotRow {
  sourceId: string;
  plugin: string;
  skill: string;
  pluginVersion: string | null;
}

/**
 * The provenance of an action on `target` proposed by `answerId`. `stored` is the answer when it is still
 * there; `recordedSources` the sources the audit record kept, used when it is not.
 */
export function proposalProvenance(input: {
  answerId: string;
  target: Target | null;
  stored?: ProvenanceAnswer;
  snapshot?: readonly ProvenanceSnapshotRow[];
  recordedSources?: readonly Source[] | null;
}): ProposalProvenance {
  const { stored } = input;
  if (!stored) {
    return {
      answerId: input.answerId,
      question: null,
      title: null,
      planner: null,
      sources: (input.recordedSources ?? []).filter((source) => source.ok).map((source) => toSource(source)),
    };
  }
  const answer = stored.answer;
  const cited = citedFor(answer, input.target);
  const versions = new Map((input.snapshot ?? []).map((row) => [row.sourceId, row.pluginVersion]));
  return {
    answerId: stored.id,
    question: stored.question,
    title: answer.title,
    planner: answer.planner,
    sources: answer.sources
      .filter((source) => cited.has(source.id))
      .map((source) => toSource(source, versions.get(source.id))),
  };
}

/** Citation ids of the findings about `target` (or of every finding, then every evidence table). */
function citedFor(answer: ProvenanceAnswer['answer'], target: Target | null): Set<string> {
  const names = [target?.id, target?.displayName]
    .filter((name): name is string => typeof name === 'string' && name.trim().length >= 3)
    .map((name) => name.toLowerCase());
  const about = answer.findings.filter((finding) => {
    const text = `${finding.title} ${finding.detail ?? ''}`.toLowerCase();
    return names.some((name) => text.includes(name));
  });
  const findings = about.length > 0 ? about : answer.findings;
  const ids = findings.flatMap((finding) => finding.citations);
  if (ids.length > 0) return new Set(ids);
  const fromTables = answer.evidence.flatMap((table) => table.citations);
  if (fromTables.length > 0) return new Set(fromTables);
  return new Set(answer.sources.filter((source) => source.ok).map((source) => source.id));
}

function toSource(source: Source, pluginVersion?: string | null): ProvenanceSource {
  return {
    id: source.id,
    ref: source.skill.includes('.') ? source.skill : `${source.plugin}.${source.skill}`,
    request: source.requests[0] ?? null,
    pluginVersion: pluginVersion ?? source.version ?? null,
    ok: source.ok,
  };
}
