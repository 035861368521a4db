/**
 * The generator's options (`GenerateOptions`), their defaults (`settings`) and the version
 * written to manifests.
 */
import { resolve } from "node:path";
import type { TypeMapping } from "@soapkit/runtime";
import type { ModelLoadOptions } from "./model/index.js";
import type { Note } from "./model/types.js";
import { DEFAULT_NAMING, type NamingOptions } from "./naming/assign-names.js";

/** The generator version written to manifests (bumped with the package). */
export const GENERATOR_VERSION = "0.1.0";

export const DEFAULT_MAPPING: TypeMapping = { long: "bigint", decimal: "string", dateTime: "string" };

export type ImportExtension = ".js" | ".ts";

export interface GenerateOptions {
  /** Output folder; used to compute relative source labels (nothing is written here). */
  readonly outDir: string;
  /** Module specifier the generated code imports the runtime from. Default `@soapkit/runtime/client` (the narrow entry point: a consumer's tsc loads only what generated code names). */
  readonly runtimeImport?: string;
  readonly mapping?: Partial<TypeMapping>;
  /** Method casing and type-name prefix/suffix. */
  readonly naming?: Partial<NamingOptions>;
  /**
   * Generate only these operations (and the types they reach). Each name must exist in at
   * least one source; a source's own `operations` replaces this list for that source.
   */
  readonly operations?: readonly string[];
  /**
   * Diagnostic kinds to report as warnings where soapkit can recover (`all`, or kinds of
   * `RECOVERABLE_KINDS`): the part is typed `unknown` (raw XML), or a name kept as written.
   * Every warning is printed and listed in the manifest's `notes`.
   */
  readonly lenient?: readonly string[];
  /**
   * REST WebAPI twin for every source (a source's own `rest` wins). Default: only sources
   * that are SuperOffice NetServer services get one.
   */
  readonly rest?: boolean;
  /** Extension of relative imports in generated code: `.js` (default) or `.ts` (Node type stripping, `allowImportingTsExtensions`). */
  readonly importExtension?: ImportExtension;
  /** Loader options (injectable reader, limits, remote imports). */
  readonly load?: ModelLoadOptions;
  /** Per-stage timings are reported here when given. */
  readonly onTiming?: (stage: string, ms: number) => void;
  /** Called once per source after its module is emitted and formatted. */
  readonly onSource?: (report: SourceReport) => void;
}

export interface SourceReport {
  /** The source as given (path or URL). */
  readonly input: string;
  /** Module folder under the output folder. */
  readonly module: string;
  readonly operations: number;
  readonly types: number;
  readonly files: number;
  /** Load + model + emit + format time of this source, ms. */
  readonly ms: number;
  /** Located remarks that did not stop generation (skipped HTTP bindings, ...). */
  readonly notes: readonly Note[];
}

/** `GenerateOptions` with every default applied. */
export interface Settings {
  readonly outDir: string;
  readonly mapping: TypeMapping;
  readonly runtimeImport: string;
  readonly naming: NamingOptions;
  readonly importExtension: ImportExtension;
}

export function settings(options: GenerateOptions): Settings {
  return {
    outDir: resolve(options.outDir),
    mapping: { ...DEFAULT_MAPPING, ...options.mapping },
    runtimeImport: options.runtimeImport ?? "@soapkit/runtime/client",
    naming: { ...DEFAULT_NAMING, ...options.naming },
    importExtension: options.importExtension ?? ".js",
  };
}
