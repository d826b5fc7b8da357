/**
 * Loads Microsoft's Kusto parser (`@kusto/language-service-next`) once, lazily: its two scripts define the
 * globals `Bridge`, `System` and `Kusto`, so they are required in order through `createRequire` (a bare import
 * throws "Bridge is not defined"). Loading costs ~0.3 s and ~120 MB, the first parse ~1 s: only code that
 * parses KQL pays for it. It exposes a minimal typed view of the few syntax members Ward reads; it never
 * parses anything itself.
 */
import { createRequire } from 'node:module';

/** A syntax node or symbol of the Kusto parser, as the Bridge.NET runtime exposes it (members are C# names). */
export interface KustoNode {
  readonly Kind: number;
  readonly ChildCount: number;
  GetChild(index: number): KustoNode | null;
  ToString(): string;
  // biome-ignore lint/suspicious/noExplicitAny: the Bridge.NET object model is untyped; readers narrow by Kind
  readonly [member: string]: any;
}

/** A diagnostic as the parser reports it (offsets into the query text). */
export interface KustoDiagnostic {
  readonly Severity: string;
  readonly Code: string;
  readonly Start: number;
  readonly End: number;
  readonly Message: string;
}

/** The parts of the loaded runtime Ward uses. */
export interface KustoLanguage {
  // biome-ignore lint/suspicious/noExplicitAny: the `Kusto.Language` namespace of the Bridge.NET runtime
  readonly language: any;
  /** `Bridge.toArray`: every Bridge list must pass through it. */
  toArray<T = KustoNode>(list: unknown): T[];
  /** The `SyntaxKind` name of a node, e.g. `FilterOperator`, `HasExpression`. */
  kindName(node: KustoNode): string;
}

let loaded: KustoLanguage | undefined;

/** The Kusto parser runtime, loaded on first use and reused after. */
export function loadKustoLanguage(): KustoLanguage {
  if (loaded !== undefined) return loaded;
  const require = createRequire(import.meta.url);
  require('@kusto/language-service-next/bridge.min.js');
  require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
  const globals = globalThis as unknown as {
    // biome-ignore lint/suspicious/noExplicitAny: globals defined by the Bridge.NET scripts
    Bridge: { toArray(list: unknown): any[] };
    // biome-ignore lint/suspicious/noExplicitAny: globals defined by the Bridge.NET scripts
    Kusto: { Language: any };
  };
  const language = globals.Kusto.Language;
  const kinds = new Map<number, string>();
  for (const [name, value] of Object.entries(language.Syntax.SyntaxKind as Record<string, unknown>)) {
    if (typeof value === 'number') kinds.set(value, name);
  }
  loaded = {
    language,
    toArray: (list) => (list === null || list === undefined ? [] : globals.Bridge.toArray(list)),
    kindName: (node) => kinds.get(node.Kind) ?? `Kind${node.Kind}`,
  };
  return loaded;
}
