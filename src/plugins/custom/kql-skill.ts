/**
 * A custom KQL skill: the manifest's query with each `{{parameter}}` replaced by a KQL literal of the
 * validated input (`kqlString`, `kqlInteger`, `kqlTimespan`: a value can never change the query's shape), run
 * through the Sentinel plugin's `runHuntingQuery`, which validates it against the workspace schema again and
 * refuses it unsent when invalid. Without a Sentinel workspace the skill says so. It never pastes raw text.
 */
import { SourceUnavailableError } from '../../core/errors.js';
import { type HuntingResult, type HuntingTarget, runHuntingQuery } from '../sentinel/run-hunting-query.js';
import { defineSkill, type Skill } from '../types.js';
import { kqlLiteral, type ParameterDefinition, parametersInputSchema } from './custom-parameter.js';
import { ISO_DURATION, type KqlSkillManifest } from './custom-plugin-manifest.js';
import { fillPlaceholders } from './template-placeholders.js';

/** The query with `values` written in as literals, and its timespan. */
export function bindKqlQuery(
  skill: Pick<KqlSkillManifest, 'query' | 'timespan'>,
  parameters: readonly ParameterDefinition[],
  values: Record<string, unknown>,
): { query: string; timespan: string } {
  const byName = new Map(parameters.map((parameter) => [parameter.name, parameter]));
  const filled = fillPlaceholders(skill.query, (name) => {
    const parameter = byName.get(name);
    const value = values[name];
    if (parameter === undefined || (typeof value !== 'string' && typeof value !== 'number')) {
      // The loader refuses undeclared placeholders and the input schema requires every value: unreachable.
      throw new SourceUnavailableError(`The query's {{${name}}} has no value.`);
    }
    return kqlLiteral(parameter.type, value);
  });
  return { query: filled.text.trim(), timespan: kqlTimespanOf(skill.timespan, parameters, values) };
}

/** The ISO 8601 duration of the query: fixed, or from the hours/days parameter it names. */
function kqlTimespanOf(
  timespan: string | undefined,
  parameters: readonly ParameterDefinition[],
  values: Record<string, unknown>,
): string {
  if (timespan !== undefined && ISO_DURATION.test(timespan)) return timespan;
  const period = parameters.find(
    (p) => (p.type === 'hours' || p.type === 'days') && (timespan === undefined || p.name === timespan),
  );
  const amount = period ? Number(values[period.name]) : Number.NaN;
  if (!period || !Number.isSafeInteger(amount) || amount < 1) return 'P1D';
  return period.type === 'hours' ? `PT${amount}H` : `P${amount}D`;
}

/** What a KQL skill needs: the workspace (absent when Ward has no Sentinel workspace) and its display name. */
export interface KqlSkillOptions {
  skill: KqlSkillManifest;
  service: string;
  hunting?: HuntingTarget;
}

/** Creates the skill. */
export function createKqlSkill(options: KqlSkillOptions): Skill<Record<string, unknown>, HuntingResult> {
  const { skill, hunting } = options;
  const parameters = skill.parameters as ParameterDefinition[];
  return defineSkill({
    name: skill.name,
    description: skill.description,
    input: parametersInputSchema(parameters),
    async run(values: Record<string, unknown>, context) {
      if (!hunting) {
        throw new SourceUnavailableError(
          `${options.service} runs KQL in Microsoft Sentinel, and Ward has no Sentinel workspace: set LOG_ANALYTICS_WORKSPACE_ID.`,
        );
      }
      return runHuntingQuery(hunting, bindKqlQuery(skill, parameters, values), context);
    },
  }) as Skill<Record<string, unknown>, HuntingResult>;
}
