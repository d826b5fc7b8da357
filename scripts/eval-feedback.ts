/**
 * `npm run eval:feedback`: how Ward learns in the open from what analysts told it.
 *  (a) writes every labelled case not yet written (negative feedback, risks dismissed as false positives) to
 *      `eval/feedback-cases/<answerId>.json`: the question, its conversation context, the tenant snapshot (the
 *      answer's recorded source calls) and the expected correction; an admin may add an `expect` block by hand;
 *  (b) asks every case's question again through the CURRENT rules planner, each skill call answered from the
 *      case's snapshot (anything the snapshot lacks fails as "not in snapshot"), and
 *  (c) prints which cases still fail and why.
 *
 *   npm run eval:feedback -- [--dir <folder>] [--replay-only] [--strict] [--json]
 *
 *   --dir          case folder (default eval/feedback-cases)
 *   --replay-only  skip (a): no database needed (CI, a copy of the cases)
 *   --strict       exit 1 when a case still fails
 *
 * It is a report: exit 0 whatever the cases say, unless --strict; 1 when it cannot run (no database, Ward
 * holding the PGlite folder, an unreadable case file).
 */
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createArmClient } from '../src/clients/arm.js';
import { createGraphClient } from '../src/clients/graph.js';
import { createServiceNowClient } from '../src/clients/servicenow.js';
import { loadConfig } from '../src/config.js';
import { WardError } from '../src/core/errors.js';
import { evaluateFeedbackCases, formatEvaluation } from '../src/core/feedback/evaluate-feedback-cases.js';
import { type FeedbackCase, parseFeedbackCase } from '../src/core/feedback/feedback-case.js';
import { writeFeedbackCases } from '../src/core/feedback/write-feedback-cases.js';
import { createRulesPlanner } from '../src/core/planner/rules-planner.js';
import { createPluginRegistry, type PluginRegistry } from '../src/core/plugin-registry.js';
import { loadPromptbooks } from '../src/manifests/load-promptbooks.js';
import { createDefenderCloudPlugin } from '../src/plugins/defender-cloud/defender-cloud-plugin.js';
import { createDefenderXdrPlugin } from '../src/plugins/defender-xdr/defender-xdr-plugin.js';
import { createEntraPlugin } from '../src/plugins/entra/entra-plugin.js';
import { createIntunePlugin } from '../src/plugins/intune/intune-plugin.js';
import { createScriptAnalysisPlugin } from '../src/plugins/script-analysis/script-analysis-plugin.js';
import { createServiceNowPlugin } from '../src/plugins/servicenow/servicenow-plugin.js';
import { createStore } from '../src/store/create-store.js';
import { openConfiguredDatabase } from '../src/store/open-configured-database.js';

async function main(): Promise<number> {
  let values: { dir?: string; 'replay-only'?: boolean; strict?: boolean; json?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        dir: { type: 'string', default: 'eval/feedback-cases' },
        'replay-only': { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    return fail(messageOf(error));
  }
  const dir = resolve(values.dir ?? 'eval/feedback-cases');
  const log = (text: string) => {
    if (!values.json) process.stdout.write(text);
  };

  if (!values['replay-only']) {
    let db: Awaited<ReturnType<typeof openConfiguredDatabase>>;
    try {
      db = await openConfiguredDatabase('npm run eval:feedback');
    } catch (error) {
      return fail(messageOf(error));
    }
    try {
      await mkdir(dir, { recursive: true });
      const written = await writeFeedbackCases(
        createStore(db),
        {
          read: (name) => readFile(join(dir, name), 'utf8').catch(() => undefined),
          // Written beside, then renamed: a reader never sees half a case.
          async write(name, text) {
            const temporary = join(dir, `.${name}.tmp`);
            await writeFile(temporary, text, 'utf8');
            await rename(temporary, join(dir, name));
          },
        },
        () => new Date(),
      );
      for (const entry of written.written) {
        log(
          `wrote ${entry.file} (${entry.labels} label${entry.labels === 1 ? '' : 's'}${entry.snapshot ? '' : ', no tenant snapshot'})\n`,
        );
      }
      for (const entry of written.skipped) log(`skipped ${entry.answerId}: ${entry.reason}\n`);
      if (written.written.length === 0 && written.skipped.length === 0) log('no new labelled cases\n');
    } catch (error) {
      return fail(`could not write the cases: ${messageOf(error)}`);
    } finally {
      await db.close().catch(() => undefined);
    }
  }

  let cases: { file: string; feedbackCase: FeedbackCase }[];
  try {
    const names = (await readdir(dir).catch(() => [] as string[]))
      .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
      .sort();
    cases = await Promise.all(
      names.map(async (file) => ({
        file,
        feedbackCase: parseFeedbackCase(await readFile(join(dir, file), 'utf8'), file),
      })),
    );
  } catch (error) {
    return fail(messageOf(error));
  }

  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    return fail(`Ward's settings are not valid: ${messageOf(error)}`);
  }
  let promptbooks: Awaited<ReturnType<typeof loadPromptbooks>>;
  try {
    promptbooks = await loadPromptbooks(config.promptbooksDir);
  } catch (error) {
    return fail(`the promptbooks in ${config.promptbooksDir} cannot be read: ${messageOf(error)}`);
  }
  const evaluations = await evaluateFeedbackCases(cases, {
    promptbooks,
    planner: createRulesPlanner({
      ticketing: config.tenant.mode === 'demo' || config.serviceNow !== undefined,
    }),
    registry: schemaRegistry(),
  });
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify(
        evaluations.map((evaluation) => ({
          file: evaluation.file,
          answerId: evaluation.answerId,
          question: evaluation.question,
          kinds: evaluation.kinds,
          passed: evaluation.verdict.passed,
          failures: evaluation.verdict.failures,
          notInSnapshot: evaluation.replay.misses.map((miss) => miss.ref),
        })),
        null,
        2,
      )}\n`,
    );
  } else {
    log(`\n${formatEvaluation(evaluations)}`);
  }
  const failing = evaluations.some((evaluation) => !evaluation.verdict.passed);
  return values.strict && failing ? 1 : 0;
}

/**
 * The built-in plugins, for their skills' input schemas (the defaults a recorded input was validated with)
 * and display names. Their clients point at a closed loopback port: the replay never runs a skill.
 */
function schemaRegistry(): PluginRegistry {
  const inert = 'http://127.0.0.1:9';
  const limits = { timeoutMs: 1, maxRetries: 0 };
  const graph = createGraphClient({ baseUrl: `${inert}/graph`, ...limits });
  return createPluginRegistry([
    createEntraPlugin({ graph }),
    createDefenderXdrPlugin({ graph }),
    createIntunePlugin({ graph }),
    createScriptAnalysisPlugin(),
    createDefenderCloudPlugin({ arm: createArmClient({ baseUrl: `${inert}/arm`, ...limits }) }),
    createServiceNowPlugin({
      client: createServiceNowClient({
        baseUrl: `${inert}/servicenow`,
        auth: { username: '-', password: '-' },
        ...limits,
      }),
    }),
  ]);
}

function fail(message: string): number {
  process.stderr.write(`eval:feedback: ${message}\n`);
  return 1;
}

function messageOf(error: unknown): string {
  return WardError.isInstance(error) || error instanceof Error ? error.message : String(error);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = fail(messageOf(error));
  },
);
