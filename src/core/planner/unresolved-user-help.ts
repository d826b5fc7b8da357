/**
 * What every planner says when the person a question names cannot be pinned down: nobody in the directory
 * matches, or several people do (then the card offers them as choices). One wording, whichever plugin asked.
 */
import type { GraphUser } from '../../clients/graph-resources.js';
import { boundedText } from '../bounded-text.js';
import type { HelpOutcome } from './planner.js';

/** Candidates offered at most when a name matches several people. */
const MAX_CANDIDATES = 6;

/** Help for a name or UPN that matches nobody in the directory. */
export function userNotFoundHelp(query: string): HelpOutcome {
  return {
    kind: 'help',
    reason: `I couldn't find a user matching "${boundedText(query, 100)}" in the directory. Check the spelling or use their UPN.`,
  };
}

/** Help for a name that matches several people: which one? */
export function ambiguousUserHelp(resolution: { query: string; candidates: GraphUser[] }): HelpOutcome {
  return {
    kind: 'help',
    reason: `Several users match "${boundedText(resolution.query, 100)}". Which one did you mean?`,
    candidates: resolution.candidates.slice(0, MAX_CANDIDATES),
  };
}
