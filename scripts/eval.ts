/**
 * `npm run eval` (`tsx scripts/eval.ts`): runs the scenarios in test/scenarios through a real Ward on the demo
 * tenant and prints a score table per plugin and planner: the rules planner always, the model planner too when
 * OPENAI_BASE_URL + OPENAI_MODEL, OPENAI_API_KEY or the AZURE_OPENAI_* settings are in the environment.
 *
 *   --min <percent>   exit 1 when the rules planner scores below it (default 85)
 *   --json            print the results as JSON instead of tables
 *   --only <text>     run only scenarios whose id contains <text>
 *   --verbose         print each failed check
 *
 * Exit codes: 0 at or above --min, 1 below it, 2 when the run itself fails (bad scenario file, Ward not starting).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/store/database.js';
import {
  loadScenarios,
  modelEnvironment,
  type PlannerResult,
  runScenarios,
  scoreByPlugin,
} from '../test/scenarios/run-scenarios.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      min: { type: 'string', default: '85' },
      json: { type: 'boolean', default: false },
      only: { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
  });
  const min = Number(values.min);
  if (!Number.isFinite(min) || min < 0 || min > 100) {
    console.error(`--min must be a percentage, got "${values.min}"`);
    return 2;
  }
  let scenarios = await loadScenarios();
  if (values.only) scenarios = scenarios.filter((scenario) => scenario.id.includes(values.only ?? ''));
  if (scenarios.length === 0) {
    console.error(`no scenario id contains "${values.only}"`);
    return 2;
  }
  const planners: { planner: string; environment: Record<string, string> }[] = [
    { planner: 'rules', environment: {} },
  ];
  const model = modelEnvironment(process.env);
  if (model)
    planners.push({
      planner: `model (${model.OPENAI_MODEL ?? model.AZURE_OPENAI_DEPLOYMENT ?? 'gpt-4o'})`,
      environment: model,
    });

  const results: PlannerResult[] = [];
  for (const { planner, environment } of planners) {
    const dataDir = await mkdtemp(join(tmpdir(), 'ward-eval-'));
    try {
      if (!values.json) process.stderr.write(`${planner}: ${scenarios.length} scenarios `);
      results.push(
        await runScenarios(scenarios, {
          planner,
          environment,
          openDatabase: () => openDatabase({ dataDir: join(dataDir, 'pglite') }),
          onScenario: (result) => {
            if (!values.json) process.stderr.write(result.passed === result.total ? '.' : 'F');
          },
        }),
      );
      if (!values.json) process.stderr.write('\n');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }

  const rules = results[0]!;
  if (values.json) {
    console.log(
      JSON.stringify(
        {
          min,
          pass: rules.score >= min,
          planners: results.map((result) => ({ ...result, plugins: scoreByPlugin(result) })),
        },
        null,
        2,
      ),
    );
  } else {
    for (const result of results) printTable(result, values.verbose ?? false);
    console.log(
      `\nrules planner: ${rules.score.toFixed(1)}% (minimum ${min}%): ${rules.score >= min ? 'PASS' : 'FAIL'}`,
    );
  }
  return rules.score >= min ? 0 : 1;
}

function printTable(result: PlannerResult, verbose: boolean): void {
  const rows = scoreByPlugin(result).map((row) => [
    row.plugin,
    `${row.scenariosPassed}/${row.scenarios}`,
    `${row.passed}/${row.total}`,
    `${row.score.toFixed(1)}%`,
  ]);
  rows.push([
    'overall',
    `${result.scenariosPassed}/${result.scenarios.length}`,
    `${result.passed}/${result.total}`,
    `${result.score.toFixed(1)}%`,
  ]);
  const header = ['plugin', 'scenarios', 'checks', 'score'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
  console.log(`\nplanner: ${result.planner}`);
  console.log(line(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  rows.forEach((row, index) => {
    if (index === rows.length - 1) console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
    console.log(line(row));
  });
  const failed = result.scenarios.filter((scenario) => scenario.passed < scenario.total);
  if (failed.length === 0) return;
  console.log('\nfailing scenarios:');
  for (const scenario of failed) {
    console.log(`  ${scenario.id} (${scenario.plugin}): ${scenario.passed}/${scenario.total}`);
    for (const turn of scenario.turns)
      for (const check of turn.checks.filter((candidate) => !candidate.pass))
        console.log(
          verbose
            ? `    "${turn.ask}" ${check.name}: ${check.detail}`
            : `    "${turn.ask.slice(0, 60)}" ${check.name}`,
        );
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
