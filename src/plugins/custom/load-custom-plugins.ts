/**
 * Loads the custom plugins of a deployment from its manifest folder (`plugins/custom/*.yaml` by default) at
 * start: every manifest is validated with the manifest schema, then checked against what it refers to — each
 * KQL query against the Sentinel workspace schema (placeholders filled with typed sample literals), each
 * OpenAPI document and operation (GET only), each environment variable — and turned into plugins with the
 * same contract as the built-in ones. Any problem, in any file, stops the start with all of them listed, each
 * at its file, line and column (a KQL error at its line inside the query). It never runs a skill and never
 * shows a secret.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { TokenCredential } from '@azure/identity';
import { SENTINEL_WORKSPACE_SCHEMA } from '../../clients/kql/kql-workspace-schema.js';
import { validateKql } from '../../clients/kql/parse-kql.js';
import { checkSourceUrl } from '../../clients/threat-intel-request.js';
import {
  type LoadedManifest,
  loadManifestFolder,
  ManifestError,
} from '../../manifests/load-manifest-folder.js';
import { type LocateField, type ManifestProblem, parseManifest } from '../../manifests/parse-manifest.js';
import type { HuntingTarget } from '../sentinel/run-hunting-query.js';
import type { Plugin, Skill } from '../types.js';
import {
  exampleValue,
  kqlLiteral,
  NUMERIC_TYPES,
  numericBounds,
  type ParameterDefinition,
  type ParameterType,
  sampleValue,
} from './custom-parameter.js';
import {
  type CustomPluginManifest,
  customPluginManifestSchema,
  type HttpSkillManifest,
  type KqlSkillManifest,
} from './custom-plugin-manifest.js';
import type { CustomSkillDescriptor, CustomSkillParameter } from './custom-skill-descriptor.js';
import { titleFromName } from './custom-skill-descriptor.js';
import { createHttpSkill, type HttpAuth } from './http-skill.js';
import { createKqlSkill } from './kql-skill.js';
import { locateInBlockScalar } from './locate-in-block-scalar.js';
import {
  findOperation,
  type OpenApiDocument,
  type OpenApiParameter,
  openApiDocumentSchema,
  operationInputSchema,
  readOnlyRefusal,
} from './openapi-operation.js';
import { type CompletePrompt, createPromptSkill } from './prompt-skill.js';
import { fillPlaceholders, findPlaceholders, positionInText } from './template-placeholders.js';

/** What custom plugins may use. */
export interface CustomPluginServices {
  /** A setting a manifest names (`${NAME}` in a URL, `secretEnv`): undefined when unset or empty. */
  env(name: string): string | undefined;
  /** Per HTTP call, retries included. */
  timeoutMs: number;
  maxRetries: number;
  /** The Sentinel workspace KQL skills run in; absent: they say Ward has none. */
  hunting?: HuntingTarget;
  /** One completion on the configured model; absent: prompt skills say a model is needed. */
  complete?: CompletePrompt;
  /** The Entra ID credential `auth: { type: azure }` gets tokens from; called only when a manifest uses it. */
  azureCredential?: () => TokenCredential;
}

/** The loaded plugins, what the planners know of their skills, and what an admin should know. */
export interface CustomPlugins {
  plugins: Plugin[];
  skills: CustomSkillDescriptor[];
  /** Skills that load but cannot work in this deployment (no Sentinel workspace, no model). */
  warnings: string[];
}

const WHAT = 'Custom plugin manifests are invalid';
const ENV_REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

type Manifest = LoadedManifest<CustomPluginManifest>;
type Path = (string | number)[];

/** Loads `folder`'s manifests; throws a ManifestError (a ConfigError) listing every problem. */
export async function loadCustomPlugins(
  folder: string,
  services: CustomPluginServices,
): Promise<CustomPlugins> {
  const manifests = await loadManifestFolder(folder, customPluginManifestSchema, WHAT);
  const problems: ManifestProblem[] = [];
  const owners = new Map<string, string>();
  const plugins: Plugin[] = [];
  const skills: CustomSkillDescriptor[] = [];
  const warnings: string[] = [];
  const documents = new Map<string, Promise<LoadedDocument>>();
  for (const manifest of manifests) {
    const report = reporter(manifest, problems);
    const owner = owners.get(manifest.value.name);
    if (owner !== undefined) {
      report.at(
        ['name'],
        `"${manifest.value.name}" is also the name of the plugin in ${owner}; choose another`,
      );
      continue;
    }
    owners.set(manifest.value.name, manifest.file);
    const built = await buildPlugin(manifest, folder, services, report, documents);
    if (!built) continue;
    plugins.push(built.plugin);
    skills.push(...built.skills);
    warnings.push(...built.warnings);
  }
  if (problems.length > 0) throw new ManifestError(WHAT, problems);
  return { plugins, skills, warnings };
}

/** Records located problems of one manifest. */
interface Reporter {
  /** A problem with the field at `path`. */
  at(path: Path, message: string): void;
  /** A problem at `offset` of the multi-line text at `path` (a query), located inside it when possible. */
  inside(path: Path, text: string, offset: number, message: string): Promise<void>;
  /** Problems found in another file (an OpenAPI document). */
  add(found: readonly ManifestProblem[]): void;
  count(): number;
}

function reporter(manifest: Manifest, problems: ManifestProblem[]): Reporter {
  let source: Promise<string | undefined> | undefined;
  let count = 0;
  const push = (problem: ManifestProblem) => {
    problems.push(problem);
    count++;
  };
  return {
    at(path, message) {
      push({ file: manifest.file, ...manifest.at(path), path: path.join('.'), message });
    },
    async inside(path, text, offset, message) {
      const key = manifest.at(path);
      const inner = positionInText(text, offset);
      source ??= readFile(resolve(manifest.file), 'utf8').catch(() => undefined);
      const file = await source;
      const located = file === undefined ? undefined : locateInBlockScalar(file, key, inner);
      push({
        file: manifest.file,
        ...(located ?? key),
        path: path.join('.'),
        message: located ? message : `${message} (line ${inner.line}, column ${inner.column} of the text)`,
      });
    },
    add(found) {
      for (const problem of found) push(problem);
    },
    count: () => count,
  };
}

async function buildPlugin(
  manifest: Manifest,
  folder: string,
  services: CustomPluginServices,
  report: Reporter,
  documents: Map<string, Promise<LoadedDocument>>,
): Promise<{ plugin: Plugin; skills: CustomSkillDescriptor[]; warnings: string[] } | undefined> {
  const { value } = manifest;
  const before = report.count();
  const built: Skill[] = [];
  const descriptors: CustomSkillDescriptor[] = [];
  const warnings: string[] = [];
  /** Each base URL is resolved (and its problems reported) once per plugin, whichever skill needs it first. */
  const baseUrls = new Map<string, string | undefined>();
  const describe = (
    skill: { name: string; title?: string; description: string; triggers: readonly string[] },
    kind: CustomSkillDescriptor['kind'],
    parameters: CustomSkillParameter[],
  ): CustomSkillDescriptor => ({
    ref: `${value.name}.${skill.name}`,
    plugin: value.name,
    service: value.displayName,
    skill: skill.name,
    kind,
    title: skill.title ?? titleFromName(skill.name),
    description: skill.description,
    triggers: skill.triggers,
    parameters,
  });
  const auth = value.skills.some((skill) => skill.kind === 'http')
    ? resolveAuth(value, services, report)
    : undefined;

  for (const [index, skill] of value.skills.entries()) {
    const path: Path = ['skills', index];
    if (skill.kind === 'kql') {
      await checkKqlSkill(skill, path, report);
      built.push(createKqlSkill({ skill, service: value.displayName, hunting: services.hunting }));
      descriptors.push(describe(skill, 'kql', declaredParameters(skill.parameters)));
    } else if (skill.kind === 'prompt') {
      await checkTemplate(
        skill.template,
        skill.parameters,
        [...path, 'template'],
        [...path, 'parameters'],
        report,
      );
      built.push(createPromptSkill({ skill, service: value.displayName, complete: services.complete }));
      descriptors.push(describe(skill, 'prompt', declaredParameters(skill.parameters)));
    } else {
      const http = await buildHttpSkill(
        manifest,
        skill,
        path,
        folder,
        services,
        auth,
        report,
        documents,
        baseUrls,
      );
      if (!http) continue;
      built.push(http.skill);
      descriptors.push(describe(skill, 'http', http.parameters));
    }
  }
  if (report.count() > before) return undefined;
  const unusable = (kind: CustomSkillDescriptor['kind']) =>
    descriptors.filter((descriptor) => descriptor.kind === kind).map((descriptor) => descriptor.skill);
  const kql = services.hunting ? [] : unusable('kql');
  if (kql.length > 0)
    warnings.push(
      `${manifest.file}: ${value.name} runs KQL (${kql.join(', ')}), and Ward has no Sentinel workspace (LOG_ANALYTICS_WORKSPACE_ID): those skills will say so when asked`,
    );
  const prompts = services.complete ? [] : unusable('prompt');
  if (prompts.length > 0)
    warnings.push(
      `${manifest.file}: ${value.name} has prompt skills (${prompts.join(', ')}), and Ward has no model (OPENAI_API_KEY or AZURE_OPENAI_ENDPOINT): they will say so when asked`,
    );
  return {
    plugin: {
      name: value.name,
      displayName: value.displayName,
      version: value.version,
      skills: built,
      actions: [],
      // Nothing to reach at start: each skill reports its own source's failures when it runs.
      async health() {
        return { ok: true };
      },
    },
    skills: descriptors,
    warnings,
  };
}

function declaredParameters(parameters: readonly ParameterDefinition[]): CustomSkillParameter[] {
  return parameters.map((parameter) => ({
    name: parameter.name,
    type: parameter.type,
    description: parameter.description,
    required: parameter.default === undefined,
    default: parameter.default,
    example: exampleValue(parameter),
    pattern: parameter.pattern,
    ...numericBounds(parameter),
  }));
}

/**
 * Placeholders of a query or prompt: well formed, each naming a declared parameter, every parameter used
 * (or, for `also`, used elsewhere: a timespan). KQL placeholders must not sit inside quotes: they become
 * quoted literals themselves.
 */
async function checkTemplate(
  template: string,
  parameters: readonly ParameterDefinition[],
  templatePath: Path,
  parametersPath: Path,
  report: Reporter,
  options: { kql?: boolean; alsoUsed?: string } = {},
): Promise<boolean> {
  const before = report.count();
  const { placeholders, malformed } = findPlaceholders(template);
  for (const bad of malformed) {
    await report.inside(
      templatePath,
      template,
      bad.start,
      `"${bad.text}" is not a placeholder: write {{parameterName}}, on one line`,
    );
  }
  const declared = new Set(parameters.map((parameter) => parameter.name));
  for (const placeholder of placeholders) {
    if (!declared.has(placeholder.name)) {
      await report.inside(
        templatePath,
        template,
        placeholder.start,
        `{{${placeholder.name}}} names no parameter: declare it under parameters${
          declared.size ? ` (declared: ${[...declared].join(', ')})` : ''
        }`,
      );
    } else if (options.kql && /["'`]/.test(template[placeholder.start - 1] ?? '')) {
      await report.inside(
        templatePath,
        template,
        placeholder.start,
        `{{${placeholder.name}}} is inside quotes: a placeholder becomes a quoted KQL literal itself, so write {{${placeholder.name}}} without quotes`,
      );
    }
  }
  const used = new Set(placeholders.map((placeholder) => placeholder.name));
  parameters.forEach((parameter, index) => {
    if (!used.has(parameter.name) && parameter.name !== options.alsoUsed)
      report.at(
        [...parametersPath, index, 'name'],
        `"${parameter.name}" is declared but no {{${parameter.name}}} uses it`,
      );
  });
  return report.count() === before;
}

/** The query's placeholders, then the query itself against the workspace schema with sample literals. */
async function checkKqlSkill(skill: KqlSkillManifest, path: Path, report: Reporter): Promise<void> {
  const queryPath = [...path, 'query'];
  const ok = await checkTemplate(skill.query, skill.parameters, queryPath, [...path, 'parameters'], report, {
    kql: true,
    alsoUsed: skill.timespan,
  });
  if (!ok) return;
  const byName = new Map(skill.parameters.map((parameter) => [parameter.name, parameter]));
  const filled = fillPlaceholders(skill.query, (name) => {
    const parameter = byName.get(name)!;
    return kqlLiteral(parameter.type, sampleValue(parameter));
  });
  for (const diagnostic of validateKql(filled.text, SENTINEL_WORKSPACE_SCHEMA)) {
    await report.inside(
      queryPath,
      skill.query,
      filled.templateOffset(diagnostic.start),
      `KQL: ${diagnostic.message} (${diagnostic.code})`,
    );
  }
}

/** A parsed OpenAPI document, or why not (its problems are located in the document itself). */
type LoadedDocument =
  | { ok: true; document: OpenApiDocument; file: string; at: LocateField }
  | { ok: false; message?: string; problems: ManifestProblem[] };

async function buildHttpSkill(
  manifest: Manifest,
  skill: HttpSkillManifest,
  path: Path,
  folder: string,
  services: CustomPluginServices,
  auth: HttpAuth | undefined,
  report: Reporter,
  documents: Map<string, Promise<LoadedDocument>>,
  baseUrls: Map<string, string | undefined>,
): Promise<{ skill: Skill; parameters: CustomSkillParameter[] } | undefined> {
  const { value } = manifest;
  const root = resolve(folder);
  const target = resolve(root, skill.openapi);
  if (isAbsolute(skill.openapi) || (target !== root && !target.startsWith(root + sep))) {
    report.at(
      [...path, 'openapi'],
      `must be a path inside the manifest's folder, relative to it (got "${skill.openapi}")`,
    );
    return undefined;
  }
  let loading = documents.get(target);
  if (!loading) {
    loading = loadDocument(target);
    documents.set(target, loading);
  }
  const loaded = await loading;
  if (!loaded.ok) {
    if (loaded.message) report.at([...path, 'openapi'], loaded.message);
    // A document's own problems are reported once, by the first skill that uses it.
    report.add(loaded.problems.splice(0));
    if (!loaded.message)
      report.at([...path, 'openapi'], 'names an OpenAPI document with problems (listed with its file)');
    return undefined;
  }
  const found = findOperation(loaded.document, skill.operationId);
  const where = (documentPath: Path | undefined) => {
    if (!documentPath) return '';
    const position = loaded.at(documentPath);
    return ` (${loaded.file}:${position.line}:${position.column})`;
  };
  if (!found.ok) {
    report.at(
      [...path, 'operationId'],
      `"${skill.operationId}" ${found.message}${where(found.documentPath)}`,
    );
    return undefined;
  }
  const { operation } = found;
  const refusal = readOnlyRefusal(operation);
  if (refusal) {
    report.at([...path, 'operationId'], `${refusal}${where(operation.documentPath)}`);
    return undefined;
  }
  const input = operationInputSchema(operation);
  if (!input.ok) {
    report.at([...path, 'operationId'], `${input.message}${where(operation.documentPath)}`);
    return undefined;
  }
  const bindings = checkBindings(skill, input.parameters, path, report);
  const urlKey = value.baseUrl === undefined ? `servers of ${loaded.file}` : 'baseUrl';
  if (!baseUrls.has(urlKey))
    baseUrls.set(urlKey, resolveBaseUrl(value.baseUrl, loaded, services, report, [...path, 'openapi']));
  const baseUrl = baseUrls.get(urlKey);
  if (!bindings || baseUrl === undefined || auth === undefined) return undefined;
  return {
    skill: createHttpSkill({
      name: skill.name,
      description: skill.description,
      service: value.displayName,
      operation,
      baseUrl,
      auth,
      timeoutMs: services.timeoutMs,
      maxRetries: services.maxRetries,
    }),
    parameters: input.parameters.map((parameter) => describeOperationParameter(parameter, bindings)),
  };
}

async function loadDocument(path: string): Promise<LoadedDocument> {
  const file = relative(process.cwd(), path) || path;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      message:
        code === 'ENOENT'
          ? `names ${file}, which does not exist`
          : `names ${file}, which cannot be read (${code})`,
      problems: [],
    };
  }
  const parsed = parseManifest(text, file, openApiDocumentSchema);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  return { ok: true, document: parsed.value, file, at: parsed.at };
}

/** `bind` names operation parameters, each with a type its OpenAPI type can hold. */
function checkBindings(
  skill: HttpSkillManifest,
  parameters: readonly OpenApiParameter[],
  path: Path,
  report: Reporter,
): Map<string, ParameterType> | undefined {
  const bindings = new Map<string, ParameterType>();
  let ok = true;
  for (const [name, type] of Object.entries(skill.bind ?? {})) {
    const parameter = parameters.find((candidate) => candidate.name === name);
    if (!parameter) {
      report.at(
        [...path, 'bind', name],
        `"${name}" is not a path or query parameter of ${skill.operationId} (${parameters.map((p) => p.name).join(', ') || 'it has none'})`,
      );
      ok = false;
      continue;
    }
    const openApiType = parameter.schema?.type ?? 'string';
    const numeric = openApiType === 'integer' || openApiType === 'number';
    if (NUMERIC_TYPES.has(type) !== numeric) {
      report.at([...path, 'bind', name], `a ${type} cannot fill "${name}", which is of type ${openApiType}`);
      ok = false;
      continue;
    }
    bindings.set(name, type);
  }
  return ok ? bindings : undefined;
}

const FORMAT_TYPES: Readonly<Record<string, ParameterType>> = {
  email: 'upn',
  ipv4: 'ip',
  ipv6: 'ip',
  hostname: 'domain',
};

function describeOperationParameter(
  parameter: OpenApiParameter,
  bindings: ReadonlyMap<string, ParameterType>,
): CustomSkillParameter {
  const spec = parameter.schema ?? {};
  const openApiType = spec.type ?? 'string';
  const type: CustomSkillParameter['type'] =
    bindings.get(parameter.name) ??
    (spec.format ? FORMAT_TYPES[spec.format] : undefined) ??
    (openApiType === 'integer'
      ? 'integer'
      : openApiType === 'number' || openApiType === 'boolean'
        ? openApiType
        : 'string');
  const example = parameter.example ?? spec.example ?? spec.enum?.[0] ?? spec.default;
  const required = (parameter.in === 'path' || parameter.required === true) && spec.default === undefined;
  return {
    name: parameter.name,
    type,
    description: parameter.description,
    required,
    default: spec.default,
    min: spec.minimum,
    max: spec.maximum,
    example:
      example !== undefined
        ? String(example)
        : type === 'number' || type === 'boolean'
          ? ''
          : exampleValue({ type }),
  };
}

/** The manifest's `baseUrl`, else the document's first server, `${NAME}`s resolved, checked. */
function resolveBaseUrl(
  manifestUrl: string | undefined,
  document: Extract<LoadedDocument, { ok: true }>,
  services: CustomPluginServices,
  report: Reporter,
  documentField: Path,
): string | undefined {
  const fromManifest = manifestUrl !== undefined;
  const raw = manifestUrl ?? document.document.servers?.[0]?.url;
  const problem = (message: string) => {
    if (fromManifest) report.at(['baseUrl'], message);
    else {
      const position = document.at(['servers', 0, 'url']);
      report.add([{ file: document.file, ...position, path: 'servers.0.url', message }]);
    }
  };
  if (raw === undefined) {
    report.at(documentField, 'names an OpenAPI document that lists no servers: set baseUrl in the manifest');
    return undefined;
  }
  const missing: string[] = [];
  const url = raw.replace(ENV_REFERENCE, (_match, name: string) => {
    const found = services.env(name);
    if (found === undefined) missing.push(name);
    return found ?? '';
  });
  if (missing.length > 0) {
    problem(
      `needs ${missing.map((name) => `\${${name}}`).join(' and ')}, which ${missing.length === 1 ? 'is' : 'are'} not set`,
    );
    return undefined;
  }
  if (!/^https?:\/\//i.test(url)) {
    problem(
      `must be an absolute https URL${fromManifest ? '' : ' (a relative server URL needs baseUrl in the manifest)'}, got "${raw}"`,
    );
    return undefined;
  }
  try {
    return checkSourceUrl('The base URL', url);
  } catch (error) {
    problem((error as Error).message);
    return undefined;
  }
}

/** The plugin's auth with its secret read from the environment (or its credential), or undefined on a problem. */
function resolveAuth(
  manifest: CustomPluginManifest,
  services: CustomPluginServices,
  report: Reporter,
): HttpAuth | undefined {
  const { auth } = manifest;
  if (auth.type === 'none') return { type: 'none' };
  if (auth.type === 'azure') {
    if (!services.azureCredential) {
      report.at(['auth', 'type'], 'azure needs an Entra ID credential, and none is available here');
      return undefined;
    }
    return { type: 'azure', scope: auth.scope, credential: services.azureCredential() };
  }
  const secret = services.env(auth.secretEnv);
  if (secret === undefined) {
    report.at(
      ['auth', 'secretEnv'],
      `${auth.secretEnv} is not set: the plugin's ${auth.type} secret is read from it`,
    );
    return undefined;
  }
  // It travels in a header or a query string: no spaces, no line breaks. The value is never shown.
  if (!/^[\x21-\x7e]{1,4096}$/.test(secret)) {
    report.at(
      ['auth', 'secretEnv'],
      `${auth.secretEnv} must hold printable characters without spaces (the value is not shown)`,
    );
    return undefined;
  }
  return auth.type === 'bearer'
    ? { type: 'bearer', secret }
    : { type: 'apiKey', in: auth.in, name: auth.name, secret };
}
