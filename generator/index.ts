/**
 * soapkit generator public API: `generate(sources, options)` runs
 * load → parse → model → (select operations) → names → emit → format and returns the files
 * (no disk writes; writing and `--check` live in `write/`, driven by the CLI).
 *
 * This module is also the package root (`import { defineConfig } from "soapkit"`) and the
 * CLI's no-op path, so it must stay light: ts-morph, handlebars and prettier are imported
 * lazily, only when files are actually emitted (see `loadEmitStage`).
 */
import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { posix, relative, resolve } from "node:path";
import type { TypeMapping } from "../runtime/metadata.js";
import { GeneratorError, type Diagnostic } from "./diagnostics/diagnostic.js";
import { banner } from "./emit/banner.js";
import { stringLiteral } from "./emit/escape.js";
import { createEmitContext, cmp } from "./emit/context.js";
import type { GeneratedFile } from "./emit/generated-file.js";
import { createDefaultReader } from "./load/default-reader.js";
import { isHttpUrl } from "./load/resolve.js";
import { DEFAULT_MAX_BYTES, type LoadedDocument } from "./load/types.js";
import type { ModelLoadOptions } from "./model/index.js";
import type { ServiceModel } from "./model/types.js";
import { DEFAULT_NAMING, type NamingOptions } from "./naming/assign-names.js";
import { fileSlug } from "./naming/identifiers.js";
import { restAgentOf, withRestSetting } from "./emit/rest-agent.js";
import { didYouMean } from "./config/options.js";

export type { GeneratedFile } from "./emit/generated-file.js";
export type { ServiceModel } from "./model/types.js";
export type { LoadedDocument } from "./load/types.js";
export type { NamingOptions } from "./naming/assign-names.js";
export { GeneratorError, formatDiagnostic, type Diagnostic } from "./diagnostics/diagnostic.js";
export { defineConfig, type SoapkitConfig, type SoapkitSource, type SoapkitOptions } from "./config/define-config.js";

/** The generator version written to manifests (bumped with the package). */
export const GENERATOR_VERSION = "0.1.0";

export const DEFAULT_MAPPING: TypeMapping = { long: "bigint", decimal: "string", dateTime: "string" };

export interface GenerateOptions {
  /** Output folder; used to compute relative source labels (nothing is written here). */
  readonly outDir: string;
  /** Module specifier the generated code imports the runtime from. Default `soapkit/runtime`. */
  readonly runtimeImport?: string;
  readonly mapping?: Partial<TypeMapping>;
  /** Method casing and type-name prefix/suffix. */
  readonly naming?: Partial<NamingOptions>;
  /**
   * Generate only these operations (and the types they reach). Each name must exist in at
   * least one source; a source's own `operations` replaces this list for that source.
   */
  readonly operations?: readonly string[];
  /** Loader options (injectable reader, limits, remote imports). */
  readonly load?: ModelLoadOptions;
  /** Per-stage timings are reported here when given. */
  readonly onTiming?: (stage: string, ms: number) => void;
  /** Called once per source after its module is emitted and formatted. */
  readonly onSource?: (report: SourceReport) => void;
}

/** A source: a WSDL path/URL, optionally with its own operation subset. */
export type SourceInput = string | { readonly input: string; readonly operations?: readonly string[]; readonly rest?: boolean | string };

/** A source with the hashes of its documents: all `inputsHash` needs. */
export interface HashedSource {
  readonly input: string;
  readonly operations?: readonly string[];
  /** REST twin setting: `false` = none, a string = the agent name, absent/`true` = the portType. */
  readonly rest?: boolean | string;
  /** Root first, then imports in discovery order. */
  readonly documents: readonly { readonly path: string; readonly sha256: string }[];
}

/** A source whose documents are loaded (what `loadSources` returns; `generate` accepts it). */
export interface LoadedSource extends HashedSource {
  readonly documents: readonly LoadedDocument[];
  /** Time spent loading, ms. */
  readonly loadMs: number;
}

/** The document list a manifest recorded for one source (labels relative to the output folder). */
export interface RecordedSource {
  readonly source: string;
  readonly documents: readonly { readonly path: string; readonly sha256: string }[];
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
}

export interface GenerateResult {
  readonly files: GeneratedFile[];
  readonly models: readonly ServiceModel[];
  /** The manifest's `inputsHash` (see `inputsHash`). */
  readonly inputsHash: string;
}

/** `GenerateOptions` with every default applied. */
interface Settings {
  readonly outDir: string;
  readonly mapping: TypeMapping;
  readonly runtimeImport: string;
  readonly naming: NamingOptions;
}

function settings(options: GenerateOptions): Settings {
  return {
    outDir: resolve(options.outDir),
    mapping: { ...DEFAULT_MAPPING, ...options.mapping },
    runtimeImport: options.runtimeImport ?? "soapkit/runtime",
    naming: { ...DEFAULT_NAMING, ...options.naming },
  };
}

const TEMPLATE_URL = new URL("../templates/client.ts.hbs", import.meta.url);

function isLoaded(s: SourceInput | LoadedSource): s is LoadedSource {
  return typeof s === "object" && "documents" in s;
}

/** Run `fn` over all items, collecting every `GeneratorError`'s diagnostics into one error. */
async function collectAll<T, R>(items: readonly T[], fn: (item: T, index: number) => Promise<R> | R): Promise<R[]> {
  const settled = await Promise.allSettled(items.map(async (item, i) => fn(item, i)));
  const diagnostics: Diagnostic[] = [];
  for (const s of settled) {
    if (s.status === "rejected") {
      if (s.reason instanceof GeneratorError) diagnostics.push(...s.reason.diagnostics);
      else throw s.reason;
    }
  }
  if (diagnostics.length > 0) throw new GeneratorError(diagnostics);
  return settled.map((s) => (s as PromiseFulfilledResult<R>).value);
}

/**
 * Load every source's documents (the WSDL and everything it imports), hashing each. Light:
 * no emit dependencies are touched, so the CLI can decide "up to date" from this alone.
 */
export async function loadSources(sources: readonly (SourceInput | LoadedSource)[], options: Pick<GenerateOptions, "load" | "onTiming"> = {}): Promise<LoadedSource[]> {
  const t0 = performance.now();
  // lazily: the no-op path never parses (see rehashRecorded)
  const { loadDocuments } = await import("./load/load-documents.js");
  const loaded = await collectAll(sources, async (s): Promise<LoadedSource> => {
    if (isLoaded(s)) return s;
    const input = typeof s === "string" ? s : s.input;
    const start = performance.now();
    const documents = await loadDocuments(input, options.load ?? {});
    return { input, ...sourceSettings(s), documents, loadMs: performance.now() - start };
  });
  if (!sources.every(isLoaded)) options.onTiming?.("load", performance.now() - t0);
  return loaded;
}

/**
 * The no-op shortcut: re-read and hash the documents a previous run recorded, without
 * parsing. When every hash is unchanged, the import graph is unchanged too (it is a function
 * of the documents' content), so these hashes stand in for a full `loadSources`. Returns
 * undefined when the recorded list does not fit the sources or a document cannot be read.
 * URL sources are fetched (their content is what is hashed).
 */
export async function rehashRecorded(sources: readonly SourceInput[], recorded: readonly RecordedSource[], options: Pick<GenerateOptions, "outDir" | "load">): Promise<HashedSource[] | undefined> {
  const outDir = resolve(options.outDir);
  if (recorded.length !== sources.length) return undefined;
  const read = options.load?.reader ?? createDefaultReader({ maxBytes: options.load?.maxBytes ?? DEFAULT_MAX_BYTES });
  try {
    return await Promise.all(
      sources.map(async (s, i) => {
        const input = typeof s === "string" ? s : s.input;
        const rec = recorded[i]!;
        if (rec.source !== sourceLabel(input, outDir) || rec.documents.length === 0) throw new Error("source list changed");
        const documents = await Promise.all(
          rec.documents.map(async (d, j) => {
            const path = j === 0 ? input : isHttpUrl(d.path) ? d.path : resolve(outDir, d.path);
            return { path, sha256: sha256(await read(path)) };
          }),
        );
        return { input, ...sourceSettings(s), documents };
      }),
    );
  } catch {
    return undefined;
  }
}

/** The per-source settings carried from a `SourceInput` (operation subset, REST twin). */
function sourceSettings(s: SourceInput): { operations?: readonly string[]; rest?: boolean | string } {
  if (typeof s === "string") return {};
  return { ...(s.operations ? { operations: s.operations } : {}), ...(s.rest !== undefined ? { rest: s.rest } : {}) };
}

/** The manifest's `sources` entries: label, module folder, documents with sha256. */
function manifestSources(loaded: readonly HashedSource[], outDir: string) {
  const slugs = uniqueSlugs(loaded.map((l) => l.input));
  return loaded.map((l, i) => ({
    source: sourceLabel(l.input, outDir),
    module: slugs[i]!,
    ...(l.operations ? { operations: [...l.operations] } : {}),
    ...(l.rest !== undefined && l.rest !== true ? { rest: l.rest } : {}),
    documents: l.documents.map((d) => ({ path: sourceLabel(d.path, outDir), sha256: d.sha256 })),
  }));
}

/** The manifest's `options`: every option that changes the output. */
function manifestOptions(s: Settings, options: GenerateOptions) {
  return {
    mapping: s.mapping,
    runtimeImport: s.runtimeImport,
    naming: s.naming,
    ...(options.operations ? { operations: [...options.operations] } : {}),
  };
}

/**
 * sha256 over everything the output depends on: the generator version, the options that
 * change the output, and each source's label and documents (path + sha256). Stored in the
 * manifest as `inputsHash`; equal hashes (and intact files) mean regeneration is a no-op.
 */
export function inputsHash(loaded: readonly HashedSource[], options: GenerateOptions): string {
  const s = settings(options);
  const payload = { generator: GENERATOR_VERSION, options: manifestOptions(s, options), sources: manifestSources(loaded, s.outDir) };
  return sha256(JSON.stringify(payload));
}

/** The heavy emit/format modules, loaded only when files are generated. */
async function loadEmitStage() {
  // The CLI opts in to V8's on-disk compile cache (bin/soapkit.mjs sets the flag): ts-morph's
  // bundled TypeScript is ~9 MB of CommonJS and loads about twice as fast from the cache. It is
  // installed here, not at startup, so a no-op run does not pay for reading the cache.
  if ((globalThis as { __soapkitCompileCache?: boolean }).__soapkitCompileCache === true) await import("v8-compile-cache");
  const [serviceModule, clientFile, typesFile, prettier, templateSource] = await Promise.all([
    import("./emit/service-module.js"),
    import("./emit/client-file.js"),
    import("./emit/types-file.js"),
    import("./format/prettier.js"),
    readFile(TEMPLATE_URL, "utf8"),
  ]);
  return {
    project: serviceModule.createPrinterProject(),
    emitServiceModule: serviceModule.emitServiceModule,
    template: clientFile.compileClientTemplate(templateSource),
    resultTs: typesFile.resultTs,
    formatTypeScript: prettier.formatTypeScript,
  };
}

type EmitStage = Awaited<ReturnType<typeof loadEmitStage>>;

/** Apply the operation subsets; unknown names are reported with the valid ones. */
function selectAll(
  models: readonly ServiceModel[],
  loaded: readonly LoadedSource[],
  options: GenerateOptions,
  outDir: string,
  pass: Pick<typeof import("./model/passes/select-operations.js"), "operationNames" | "selectOperations">,
): ServiceModel[] {
  const { operationNames, selectOperations } = pass;
  const diagnostics: Diagnostic[] = [];
  const names = models.map(operationNames);
  const unknown = (name: string, valid: readonly string[], where: string): void => {
    diagnostics.push({
      kind: "operation-unknown",
      message: `unknown operation '${name}' in ${where}${didYouMean(name, valid)}`,
      hint: `valid operations: ${valid.join(", ")}`,
    });
  };
  const global = options.operations ? new Set(options.operations) : undefined;
  const inScope = loaded.flatMap((l, i) => (l.operations ? [] : names[i]!)); // sources without their own list
  if (global && loaded.some((l) => !l.operations)) {
    for (const name of global) if (!inScope.includes(name)) unknown(name, [...new Set(inScope)], "the operations option");
  }
  const selected = models.map((model, i) => {
    const own = loaded[i]!.operations;
    if (own) {
      for (const name of own) if (!names[i]!.includes(name)) unknown(name, names[i]!, sourceLabel(loaded[i]!.input, outDir));
      return withRestSetting(selectOperations(model, new Set(own)), loaded[i]!.rest);
    }
    return withRestSetting(global ? selectOperations(model, global) : model, loaded[i]!.rest);
  });
  if (diagnostics.length > 0) throw new GeneratorError(diagnostics);
  return selected;
}

/**
 * Load and model every source and apply the operation subsets, without emitting anything
 * (light: `--dump-model` uses it). Diagnostics of all sources are reported together.
 */
export async function loadModels(
  sources: readonly (SourceInput | LoadedSource)[],
  options: GenerateOptions,
): Promise<{ loaded: LoadedSource[]; models: ServiceModel[]; modelMs: number[] }> {
  const time = timer(options.onTiming);
  const loaded = await loadSources(sources, options);
  const [{ buildModel }, { operationNames, selectOperations }] = await Promise.all([import("./model/build-model.js"), import("./model/passes/select-operations.js")]);
  const modelMs: number[] = [];
  const built = await time("model", () =>
    collectAll(loaded, (l, i) => {
      const t0 = performance.now();
      const m = buildModel(l.documents);
      modelMs[i] = performance.now() - t0;
      return m;
    }),
  );
  const models = await time("select-operations", () => selectAll(built, loaded, options, resolve(options.outDir), { operationNames, selectOperations }));
  return { loaded, models, modelMs };
}

/** Generate the files for `sources` (WSDL paths or URLs). Throws `GeneratorError` on bad input. */
export async function generate(sources: readonly (SourceInput | LoadedSource)[], options: GenerateOptions): Promise<GenerateResult> {
  const time = timer(options.onTiming);
  const s = settings(options);
  const { mapping, runtimeImport, outDir, naming } = s;

  const { loaded, models, modelMs } = await loadModels(sources, options);
  const hash = inputsHash(loaded, options);
  const stage = await time("load-emitters", loadEmitStage);

  const slugs = uniqueSlugs(loaded.map((l) => l.input));
  const inputs = loaded.map((l) => l.input);
  const formatted: GeneratedFile[] = [];
  for (const [i, model] of models.entries()) {
    const t0 = performance.now();
    const ctx = createEmitContext(model, { runtimeImport, mapping, naming, sourceLabel: sourceLabel(inputs[i]!, outDir), generatorVersion: GENERATOR_VERSION });
    const raw = await time("emit", () => stage.emitServiceModule(ctx, slugs[i]!, stage.project, stage.template));
    const files = await time("format", () => formatAll(raw, stage));
    formatted.push(...files);
    options.onSource?.({
      input: inputs[i]!,
      module: slugs[i]!,
      operations: model.ports.reduce((n, p) => n + p.operations.length, 0),
      types: model.types.size,
      files: files.length,
      ms: loaded[i]!.loadMs + (modelMs[i] ?? 0) + (performance.now() - t0),
    });
  }
  formatted.push(...(await time("format", () => formatAll([rootIndex(models, slugs, inputs, outDir, naming)], stage))));
  formatted.push(manifest(models, slugs, inputs, outDir, mapping, runtimeImport, formatted, { stage, naming, loaded, options, hash }));
  formatted.sort((a, b) => cmp(a.path, b.path));
  return { files: formatted, models, inputsHash: hash };
}

async function formatAll(files: readonly GeneratedFile[], stage: EmitStage): Promise<GeneratedFile[]> {
  return Promise.all(
    files.map(async (f) => (f.path.endsWith(".ts") && !f.formatted ? { path: f.path, content: await stage.formatTypeScript(f.content) } : f)),
  );
}

function timer(report?: (stage: string, ms: number) => void) {
  return async <T>(stage: string, fn: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    const r = await fn();
    report?.(stage, performance.now() - t0);
    return r;
  };
}

/** A stable label for a source: a URL as is, a path relative to the output folder. */
export function sourceLabel(source: string, outDir: string): string {
  if (/^https?:\/\//i.test(source)) return source;
  return relative(outDir, resolve(source)).split("\\").join("/");
}

/** Module folder per source, unique (`email`, `so-principal`, `email-2`). */
function uniqueSlugs(sources: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return sources.map((s) => {
    const slug = fileSlug(s);
    const n = (seen.get(slug) ?? 0) + 1;
    seen.set(slug, n);
    return n === 1 ? slug : `${slug}-${n}`;
  });
}

function rootIndex(models: readonly ServiceModel[], slugs: readonly string[], sources: readonly string[], outDir: string, naming: NamingOptions): GeneratedFile {
  const lines: string[] = [banner(sources.map((s) => sourceLabel(s, outDir)).join(", "))];
  const flat = new Set<string>();
  models.forEach((model, i) => {
    const ns = nsIdentifier(model, slugs[i]!);
    lines.push(`export * as ${ns} from ${stringLiteral(`./${slugs[i]}/index.js`)};`);
  });
  models.forEach((model, i) => {
    // Client entry points are also exported flat for convenience (types stay namespaced:
    // two WSDLs of one vendor usually share type names such as SoCredentials).
    const ctx = createEmitContext(model, { runtimeImport: "", mapping: DEFAULT_MAPPING, naming, sourceLabel: "", generatorVersion: "" });
    const values: string[] = [];
    const types: string[] = [];
    for (const [k, p] of ctx.names.ports.entries()) {
      for (const v of [p.factory, p.client]) if (!flat.has(v)) (flat.add(v), values.push(v));
      for (const t of [p.agent, p.requestHeaders, p.responseHeaders, p.operations]) if (!flat.has(t)) (flat.add(t), types.push(t));
    }
    const from = stringLiteral(`./${slugs[i]}/index.js`);
    if (values.length > 0) lines.push(`export { ${values.join(", ")} } from ${from};`);
    if (types.length > 0) lines.push(`export type { ${types.join(", ")} } from ${from};`);
  });
  return { path: "index.ts", content: `${lines.join("\n")}\n` };
}

function nsIdentifier(model: ServiceModel, slug: string): string {
  const fromPortType = model.ports[0]?.portType;
  const base = fromPortType ?? slug.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
  return /^[A-Za-z_$][\w$]*$/.test(base) ? base : `_${base.replace(/[^\w$]/g, "_")}`;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** `soapkit.manifest.json`: the contract scripts and CI read (see docs/DESIGN.md). */
function manifest(
  models: readonly ServiceModel[],
  slugs: readonly string[],
  sources: readonly string[],
  outDir: string,
  mapping: TypeMapping,
  runtimeImport: string,
  files: readonly GeneratedFile[],
  extra: { stage: EmitStage; naming: NamingOptions; loaded: readonly LoadedSource[]; options: GenerateOptions; hash: string },
): GeneratedFile {
  const { resultTs } = extra.stage;
  const services = models.flatMap((model, i) => {
    const ctx = createEmitContext(model, { runtimeImport, mapping, naming: extra.naming, sourceLabel: "", generatorVersion: GENERATOR_VERSION });
    return model.ports.map((port, p) => {
      const names = ctx.names.ports[p]!;
      const clientModule = names.file;
      return {
        source: sourceLabel(sources[i]!, outDir),
        module: `${slugs[i]}/index.ts`,
        service: port.service,
        port: port.name,
        binding: port.binding,
        portType: port.portType,
        soapVersion: port.soapVersion,
        address: port.address,
        client: {
          factory: names.factory,
          class: names.client,
          agent: names.agent,
          metadata: names.metadata,
          module: `${slugs[i]}/${clientModule}.ts`,
          ...(restAgentOf(port) !== undefined
            ? { rest: { agent: restAgentOf(port), transport: "restTransport" } }
            : {}),
        },
        operations: port.operations.map((op) => ({
          name: op.name,
          method: names.methods.get(op.name)!,
          soapAction: op.soapAction,
          input: ctx.typeName(op.input.type),
          output: op.output ? ctx.typeName(op.output.type) : null,
          result: resultTs(ctx, op),
          requestHeaders: names.requestHeaders,
          responseHeaders: names.responseHeaders,
          module: `${slugs[i]}/types.ts`,
        })),
      };
    });
  });
  const body = {
    generator: { name: "soapkit", version: GENERATOR_VERSION },
    options: manifestOptions(settings(extra.options), extra.options),
    sources: manifestSources(extra.loaded, outDir),
    inputsHash: extra.hash,
    services,
    files: files.map((f) => ({ path: f.path, sha256: sha256(f.content) })).sort((a, b) => cmp(a.path, b.path)),
  };
  return { path: "soapkit.manifest.json", content: `${JSON.stringify(body, null, 2)}\n` };
}

export { posix };
