/**
 * Which plugins an answer drew on: those of the sources its findings, evidence tables and notices cite, or,
 * when it cites none (a summary with nothing to list), every source it consulted that answered. Each with the
 * plugin version recorded on the source, when there is one. Pure.
 */
import type { Answer } from '../answer.js';

/** A plugin an answer drew on, and the versions that answered (usually one). */
export interface CitedPlugin {
  plugin: string;
  versions: string[];
}

/** The plugins behind an answer, in order of first citation. */
export function citedPlugins(answer: Answer): CitedPlugin[] {
  const cited = new Set<string>([
    ...answer.findings.flatMap((finding) => finding.citations),
    ...answer.evidence.flatMap((table) => table.citations),
    ...answer.notices.flatMap((notice) => notice.citations ?? []),
  ]);
  const sources =
    cited.size > 0
      ? answer.sources.filter((source) => cited.has(source.id))
      : answer.sources.filter((source) => source.ok);
  const plugins = new Map<string, Set<string>>();
  for (const source of sources) {
    const versions = plugins.get(source.plugin) ?? new Set<string>();
    if (source.version) versions.add(source.version);
    plugins.set(source.plugin, versions);
  }
  return [...plugins].map(([plugin, versions]) => ({ plugin, versions: [...versions].sort() }));
}
