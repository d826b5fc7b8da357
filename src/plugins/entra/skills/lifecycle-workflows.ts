/**
 * Skill `entra.lifecycleWorkflows`: the tenant's Lifecycle Workflows (joiner, mover, leaver), each with its
 * execution conditions (trigger and scope) and tasks. The list (`GET /identityGovernance/lifecycleWorkflows/
 * workflows`) only has the basic properties, so each workflow is then read by id (its tasks come expanded).
 * Lifecycle Workflows are a Microsoft Entra ID Governance feature: a tenant without the licence (or Ward
 * without `LifecycleWorkflows.Read.All`) gets 403, which this skill says in those words instead of a generic
 * refusal. Read-only; it never runs, changes or activates a workflow.
 */
import { GraphError } from '@microsoft/microsoft-graph-client';
import { z } from 'zod/v4';
import type { GraphClient, GraphList } from '../../../clients/graph.js';
import {
  type LifecycleWorkflow,
  lifecycleWorkflowSchema,
} from '../../../clients/graph-lifecycle-resources.js';
import { odataString, queryString } from '../../../clients/odata-literal.js';
import { SourceUnavailableError, WardError } from '../../../core/errors.js';
import { defineSkill } from '../../types.js';

/** One workflow; `details: false` when only the list's properties could be read (no trigger, no tasks). */
export interface LifecycleWorkflowEntry {
  workflow: LifecycleWorkflow;
  details: boolean;
}

/** What `entra.lifecycleWorkflows` returns. */
export interface LifecycleWorkflows {
  workflows: LifecycleWorkflowEntry[];
  /** More workflows existed than were read. */
  truncated: boolean;
}

const WORKFLOWS = '/identityGovernance/lifecycleWorkflows/workflows';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The skill's input: every workflow, or one category's. */
export const lifecycleWorkflowsInputSchema = z
  .object({
    category: z.enum(['joiner', 'mover', 'leaver']).optional(),
    /** Workflows read in detail (a tenant has at most 100). */
    top: z.number().int().min(1).max(100).default(50),
  })
  .strict();

/**
 * Turns a 403 on Lifecycle Workflows into what it almost always means; other failures pass through as they are.
 */
export function explainLifecycleRefusal(error: unknown): unknown {
  if (!WardError.isInstance(error) || !(error instanceof SourceUnavailableError) || error.status !== 403) {
    return error;
  }
  const cause = error.cause;
  const code = cause instanceof GraphError ? (cause.code ?? '') : '';
  const message = cause instanceof Error ? cause.message : '';
  const licence = /licen[cs]e/i.test(`${code} ${message}`);
  return new SourceUnavailableError(
    licence
      ? `Lifecycle Workflows need Microsoft Entra ID Governance: Microsoft Graph says the tenant does not have the licence (403${code ? ` ${code}` : ''}).`
      : `Lifecycle Workflows need Microsoft Entra ID Governance: Microsoft Graph refused to list them (403${code ? ` ${code}` : ''}). Either the tenant has no Entra ID Governance (or Entra Suite) licence, or Ward lacks the LifecycleWorkflows.Read.All permission.`,
    { cause: error, status: 403 },
  );
}

/** Creates the skill on a Graph client. */
export function lifecycleWorkflowsSkill(graph: GraphClient) {
  return defineSkill({
    name: 'lifecycleWorkflows',
    description:
      'Lists the Lifecycle Workflows (joiner, mover, leaver): enabled or not, scheduled or on demand, trigger (hire or leave date and offset, attribute change), scope rule and tasks.',
    input: lifecycleWorkflowsInputSchema,
    async run(input, context): Promise<{ data: LifecycleWorkflows; requests: string[] }> {
      const listPath = `${WORKFLOWS}${queryString({
        $filter: input.category === undefined ? undefined : `category eq ${odataString(input.category)}`,
      })}`;
      const requests = [graph.describe('GET', listPath)];
      let list: GraphList<LifecycleWorkflow>;
      try {
        list = await graph.list(listPath, lifecycleWorkflowSchema, {
          signal: context.signal,
          maxItems: input.top,
        });
      } catch (error) {
        throw explainLifecycleRefusal(error);
      }
      const workflows = await Promise.all(
        list.items.map(async (summary): Promise<LifecycleWorkflowEntry> => {
          if (!GUID.test(summary.id)) return { workflow: summary, details: false };
          const path = `${WORKFLOWS}/${summary.id}`;
          requests.push(graph.describe('GET', path));
          try {
            const workflow = await graph.get(path, lifecycleWorkflowSchema, { signal: context.signal });
            return { workflow, details: true };
          } catch (error) {
            // The list is the answer; a workflow that cannot be read in detail keeps what the list said.
            if (context.signal.aborted) throw error;
            return { workflow: summary, details: false };
          }
        }),
      );
      return { data: { workflows, truncated: list.truncated }, requests };
    },
  });
}
