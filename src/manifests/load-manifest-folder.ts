/**
 * Loads every manifest in a folder (`*.yaml`, `*.yml`, `*.json`), in name order, and validates each with the
 * same schema. All problems in all files are collected before failing, so one start shows everything to fix;
 * a folder that does not exist is simply empty (a deployment without custom plugins or promptbooks).
 * It never reads outside the folder and never follows a file into subfolders.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { z } from 'zod/v4';
import { ConfigError } from '../core/errors.js';
import {
  describeManifestProblems,
  type LocateField,
  MAX_MANIFEST_BYTES,
  type ManifestProblem,
  parseManifest,
} from './parse-manifest.js';

/** A valid manifest and the file it came from (relative to the working directory, for messages). */
export interface LoadedManifest<T> {
  file: string;
  value: T;
  /** Where a field is in the file, for problems found across manifests (a name used twice ...). */
  at: LocateField;
}

/** Thrown when any manifest in the folder is invalid; `problems` locates each one. */
export class ManifestError extends ConfigError {
  readonly problems: readonly ManifestProblem[];
  constructor(what: string, problems: readonly ManifestProblem[]) {
    super(`${what}:\n${describeManifestProblems(problems)}`);
    this.problems = problems;
  }
}

const MANIFEST_FILE = /\.(?:ya?ml|json)$/i;

/**
 * The valid manifests in `folder`. Throws ManifestError naming every invalid file, line and field; `what`
 * says what the folder holds ("Custom plugin manifests are invalid").
 */
export async function loadManifestFolder<S extends z.ZodType>(
  folder: string,
  schema: S,
  what: string,
): Promise<LoadedManifest<z.output<S>>[]> {
  let names: string[];
  try {
    names = (await readdir(folder)).filter((name) => MANIFEST_FILE.test(name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ConfigError(`${what}: cannot read the folder ${folder}: ${(error as Error).message}`);
  }
  const loaded: LoadedManifest<z.output<S>>[] = [];
  const problems: ManifestProblem[] = [];
  for (const name of names) {
    const path = join(folder, name);
    const file = relative(process.cwd(), path) || path;
    const info = await stat(path);
    if (!info.isFile()) continue;
    if (info.size > MAX_MANIFEST_BYTES) {
      problems.push({
        file,
        line: 1,
        column: 1,
        path: '',
        message: `is larger than ${MAX_MANIFEST_BYTES / 1024} KB`,
      });
      continue;
    }
    const parsed = parseManifest(await readFile(path, 'utf8'), file, schema);
    if (parsed.ok) loaded.push({ file, value: parsed.value, at: parsed.at });
    else problems.push(...parsed.problems);
  }
  if (problems.length > 0) throw new ManifestError(what, problems);
  return loaded;
}
