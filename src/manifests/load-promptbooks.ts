/**
 * The promptbooks a deployment runs: the built-in ones and one per file in its promptbook folder
 * (`promptbooks/*.yaml` by default). A file's book is validated like a built-in one — parameters, placeholders,
 * step count — and a name already taken (by a built-in book or another file) is refused with the line it is
 * on, so `run <name>` always means one book. It never runs a book.
 */
import { BUILT_IN_PROMPTBOOKS } from '../core/promptbooks/built-in-promptbooks.js';
import { type Promptbook, promptbookSchema } from '../core/promptbooks/promptbook.js';
import { loadManifestFolder, ManifestError } from './load-manifest-folder.js';
import type { ManifestProblem } from './parse-manifest.js';

const WHAT = 'Promptbook files are invalid';

/** The built-in books followed by the folder's, in file-name order. Throws ManifestError naming every problem. */
export async function loadPromptbooks(folder: string): Promise<Promptbook[]> {
  const loaded = await loadManifestFolder(folder, promptbookSchema, WHAT);
  const taken = new Map<string, string>(
    BUILT_IN_PROMPTBOOKS.map((book) => [book.name, 'a built-in promptbook']),
  );
  const problems: ManifestProblem[] = [];
  for (const { file, value, at } of loaded) {
    const owner = taken.get(value.name);
    if (owner) {
      problems.push({
        file,
        ...at(['name']),
        path: 'name',
        message: `"${value.name}" is already the name of ${owner}; choose another name`,
      });
    } else {
      taken.set(value.name, file);
    }
  }
  if (problems.length > 0) throw new ManifestError(WHAT, problems);
  return [...BUILT_IN_PROMPTBOOKS, ...loaded.map(({ value }) => value)];
}
