/**
 * soapkit generator public API: `generate(sources, options)` runs
 * load → parse → model → (select operations) → names → emit → format and returns the files
 * (no disk writes; writing and `--check` live in `write/`, driven by the CLI).
 *
 * This module is also the package root (`import { defineConfig } from "soapkit"`) and the
 * CLI's no-op path, so it must stay light: ts-morph, handlebars and prettier are imported
 * lazily, only when files are actually emitted (see `loadEmitStage`).
 */

export { generate, type GenerateResult } from "./generate.js";
export { loadModels } from "./select.js";
export { inputsHash, rehashRecorded } from "./hash.js";
export {
  loadSources,
  sourceLabel,
  type SourceInput,
  type HashedSource,
  type LoadedSource,
  type RecordedSource,
} from "./sources.js";
export {
  GENERATOR_VERSION,
  DEFAULT_MAPPING,
  type GenerateOptions,
  type ImportExtension,
  type SourceReport,
} from "./settings.js";
export type { GeneratedFile } from "./emit/generated-file.js";
export type { ServiceModel } from "./model/types.js";
export type { LoadedDocument } from "./load/types.js";
export type { NamingOptions } from "./naming/assign-names.js";
export { GeneratorError, formatDiagnostic, type Diagnostic } from "./diagnostics/diagnostic.js";
export { defineConfig, type SoapkitConfig, type SoapkitSource, type SoapkitOptions } from "./config/define-config.js";
