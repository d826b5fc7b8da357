/**
 * `npm run plugins:check`: validates the custom plugin manifests exactly as Ward does at start — the schema,
 * each KQL query against the Sentinel workspace schema, each OpenAPI operation, each environment variable —
 * without starting Ward or calling anything. Prints every problem located by file, line and column, or
 * "N plugins, M skills OK", with a note for skills this deployment cannot run (no Sentinel workspace, no
 * model). The folder is CUSTOM_PLUGINS_DIR (default plugins/custom), or the one given; without one, the
 * promptbook files (PROMPTBOOKS_DIR) are checked too:
 *
 *   npm run plugins:check [-- <folder>]
 *
 * Exit codes: 0 valid, 1 problems (or settings Ward would refuse). It never prints a secret.
 */
import { createAzureCredential } from '../src/clients/azure-credential.js';
import { type Config, loadConfig } from '../src/config.js';
import { WardError } from '../src/core/errors.js';
import { BUILT_IN_PROMPTBOOKS } from '../src/core/promptbooks/built-in-promptbooks.js';
import { loadPromptbooks } from '../src/manifests/load-promptbooks.js';
import { loadCustomPlugins } from '../src/plugins/custom/load-custom-plugins.js';

async function main(): Promise<number> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(WardError.isInstance(error) ? `Ward's settings are invalid: ${error.message}` : error);
    return 1;
  }
  const folder = process.argv[2] ?? config.customPlugins.dir;
  let failed = false;
  if (process.argv[2] === undefined) {
    try {
      const books = await loadPromptbooks(config.promptbooksDir);
      const files = books.length - BUILT_IN_PROMPTBOOKS.length;
      console.log(`${config.promptbooksDir}: ${files} promptbook${files === 1 ? '' : 's'} OK`);
    } catch (error) {
      console.error(WardError.isInstance(error) ? error.message : error);
      failed = true;
    }
  }
  try {
    const { plugins, skills } = await loadCustomPlugins(folder, {
      env: config.customPlugins.env,
      timeoutMs: config.sources.timeoutMs,
      maxRetries: config.sources.maxRetries,
      azureCredential: () => createAzureCredential(config.customPlugins.azureCredential()),
    });
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    console.log(
      `${folder}: ${count(plugins.length, 'plugin')}, ${count(skills.length, 'skill')} OK${
        plugins.length === 0 ? ' (no manifests)' : ''
      }`,
    );
    for (const skill of skills) {
      console.log(
        `  ${skill.ref} (${skill.kind})${skill.triggers.length ? `: "${skill.triggers.join('", "')}"` : ''}`,
      );
    }
    const sentinel = config.tenant.mode === 'demo' || config.sentinel !== undefined;
    const kql = skills.filter((skill) => skill.kind === 'kql');
    if (!sentinel && kql.length > 0)
      console.log(
        `note: ${count(kql.length, 'KQL skill')} ${kql.length === 1 ? 'needs' : 'need'} a Sentinel workspace (LOG_ANALYTICS_WORKSPACE_ID)`,
      );
    const prompts = skills.filter((skill) => skill.kind === 'prompt');
    if (!config.model && prompts.length > 0)
      console.log(
        `note: ${count(prompts.length, 'prompt skill')} ${prompts.length === 1 ? 'needs' : 'need'} a model (OPENAI_API_KEY or AZURE_OPENAI_ENDPOINT)`,
      );
    return failed ? 1 : 0;
  } catch (error) {
    console.error(WardError.isInstance(error) ? error.message : error);
    return 1;
  }
}

process.exitCode = await main();
