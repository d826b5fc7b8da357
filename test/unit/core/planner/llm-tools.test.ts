/**
 * The model's tools are the registry's read skills, with JSON Schemas generated from their zod schemas and
 * names that map back to `plugin.skill`; write actions are never tools, and a call naming one is refused.
 * The answer tool's schema comes from the same zod schema that validates submissions.
 */
import { describe, expect, it } from 'vitest';
import { buildSkillTools, toolName, toolReference } from '../../../../src/core/planner/llm-tools.js';
import { modelAnswerSchema, submitAnswerTool } from '../../../../src/core/planner/model-answer.js';
import { createPluginRegistry } from '../../../../src/core/plugin-registry.js';
import { adeleCompromised, fakeEntraPlugin, fakeServiceNowPlugin } from './planner-fixtures.js';

const registry = createPluginRegistry([
  fakeEntraPlugin({ users: [adeleCompromised()] }).plugin,
  fakeServiceNowPlugin(),
]);

describe('buildSkillTools', () => {
  it('offers every read skill as a function named plugin_skill, and no action', () => {
    const { tools } = buildSkillTools(registry);
    expect(tools.map((tool) => tool.function.name)).toEqual(
      registry.skills().map((registered) => registered.ref.replace('.', '_')),
    );
    const names = tools.map((tool) => tool.function.name);
    for (const action of ['entra_resetPassword', 'entra_dismissRisk', 'servicenow_createIncident'])
      expect(names).not.toContain(action);
  });

  it("generates each tool's parameters from the skill's zod schema, as the model writes input", () => {
    const tool = buildSkillTools(registry).tools.find(
      (candidate) => candidate.function.name === 'entra_riskDetections',
    );
    expect(tool?.function.parameters).toEqual({
      type: 'object',
      properties: {
        userId: { type: 'string', pattern: expect.any(String) },
        days: { type: 'integer', minimum: 1, maximum: 90, default: 30 },
      },
      required: ['userId'],
    });
    expect(tool?.function.description).toContain('(Microsoft Entra ID, read-only)');
  });

  it('looks a tool up by name, and refuses write actions and unknown names with words for the model', () => {
    const tools = buildSkillTools(registry);
    expect(tools.lookup('entra_signIns')).toMatchObject({ ok: true, skill: { ref: 'entra.signIns' } });
    expect(tools.lookup('entra_revokeSessions')).toEqual({
      ok: false,
      error: expect.stringContaining('is a write action, not a tool'),
    });
    expect(tools.lookup('servicenow_createIncident')).toMatchObject({ ok: false });
    expect(tools.lookup('entra.signIns')).toMatchObject({
      ok: false,
      error: expect.stringContaining('no tool'),
    });
    expect(tools.lookup('')).toMatchObject({ ok: false });
  });

  it('splits names on the first underscore, so plugin names with dashes and skills map back', () => {
    expect(toolName('defender-xdr.alerts')).toBe('defender-xdr_alerts');
    expect(toolReference('defender-xdr_alerts')).toBe('defender-xdr.alerts');
    expect(toolReference('entra_risky_user')).toBe('entra.risky_user');
    expect(toolReference('_x')).toBeUndefined();
    expect(toolReference('entra_')).toBeUndefined();
  });
});

describe('submitAnswerTool', () => {
  it('puts summary first, so it is written and streamed first', () => {
    const parameters = submitAnswerTool.function.parameters as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(Object.keys(parameters.properties)[0]).toBe('summary');
    expect(parameters.required).toEqual(['summary', 'title', 'riskLevel']);
    expect(Object.keys(parameters.properties)).toEqual(Object.keys(modelAnswerSchema.shape));
    expect(parameters).not.toHaveProperty('$schema');
  });
});
