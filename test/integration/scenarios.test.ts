/**
 * The evaluation scenarios (test/scenarios/*.json) through a real Ward on the demo tenant, the same runner as
 * `npm run eval`: the deterministic rules planner must score at least 85 % of the checks. Also: a malformed
 * scenario file is refused with a message naming the file, the path and the problem.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarios, runScenarios, scoreByPlugin } from '../scenarios/run-scenarios.js';
import { parseScenarioFile } from '../scenarios/scenario-schema.js';
import { createTestDatabase } from '../support/test-database.js';

const MIN_RULES_SCORE = 85;

describe('evaluation scenarios', () => {
  it('holds at least 45 valid scenarios across every plugin', async () => {
    const scenarios = await loadScenarios();
    expect(scenarios.length).toBeGreaterThanOrEqual(45);
    expect(new Set(scenarios.map((scenario) => scenario.plugin))).toEqual(
      new Set([
        'entra',
        'defender-xdr',
        'intune',
        'threat-intel',
        'script-analysis',
        'defender-cloud',
        'sentinel',
        'servicenow',
        'custom',
        'help',
      ]),
    );
    expect(scenarios.some((scenario) => scenario.turns.length > 1)).toBe(true);
  });

  it(`the rules planner scores at least ${MIN_RULES_SCORE}%`, { timeout: 300_000 }, async () => {
    const result = await runScenarios(await loadScenarios(), {
      planner: 'rules',
      openDatabase: createTestDatabase,
    });
    const failing = result.scenarios
      .filter((scenario) => scenario.passed < scenario.total)
      .map((scenario) => ({
        id: scenario.id,
        failed: scenario.turns.flatMap((turn) =>
          turn.checks
            .filter((check) => !check.pass)
            .map((check) => `${turn.ask.slice(0, 50)}: ${check.name}`),
        ),
      }));
    expect(result.total).toBeGreaterThan(200);
    // Every plugin's scenarios were scored (none silently skipped).
    expect(scoreByPlugin(result).length).toBe(
      new Set(result.scenarios.map((scenario) => scenario.plugin)).size,
    );
    expect(scoreByPlugin(result).length).toBeGreaterThanOrEqual(10);
    expect(
      result.score,
      `rules planner below ${MIN_RULES_SCORE}%: ${JSON.stringify(failing, null, 2)}`,
    ).toBeGreaterThanOrEqual(MIN_RULES_SCORE);
  });
});

describe('scenario schema', () => {
  it('rejects a malformed scenario file with the file, the path and the problem', () => {
    const malformed = JSON.stringify({
      scenarios: [
        {
          id: 'Bad Id',
          plugin: 'entra',
          conversation: { thread: 't-1' },
          turns: [
            {
              ask: 'is adele compromised?',
              expect: {
                intent: 'user-risky',
                title: '(unclosed',
                actions: { present: [{ action: 'resetPassword' }] },
              },
            },
          ],
        },
        { id: 'no-turns', plugin: 'nobody', conversation: { thread: 't-1' }, turns: [] },
      ],
    });
    let message = '';
    try {
      parseScenarioFile('broken.json', malformed);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^broken\.json: invalid scenario file:/);
    expect(message).toMatch(/scenarios\.0\.id: must be lower-case words joined by hyphens/);
    expect(message).toMatch(/scenarios\.0\.turns\.0\.expect\.intent: /);
    expect(message).toMatch(/scenarios\.0\.turns\.0\.expect\.title: not a valid regular expression/);
    expect(message).toMatch(
      /scenarios\.0\.turns\.0\.expect\.actions\.present\.0\.action: must be plugin\.action/,
    );
    expect(message).toMatch(/scenarios\.1\.plugin: /);
    expect(message).toMatch(/scenarios\.1\.turns: /);
  });

  it('rejects text that is not JSON, and duplicate thread ids', () => {
    expect(() => parseScenarioFile('x.json', '{ scenarios: [')).toThrow(/^x\.json: not JSON/);
    const scenario = {
      plugin: 'help',
      conversation: { thread: 'same' },
      turns: [{ ask: 'help', expect: { intent: 'help', reply: 'help' } }],
    };
    expect(() =>
      parseScenarioFile(
        'dup.json',
        JSON.stringify({
          scenarios: [
            { id: 'a', ...scenario },
            { id: 'b', ...scenario },
          ],
        }),
      ),
    ).toThrow(/scenarios\.1\.conversation: duplicate thread same/);
  });
});
