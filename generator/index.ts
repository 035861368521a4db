/**
 * soapkit generator public API: `generate(sources, options)` runs
 * load → parse → model → names → emit → format and returns the files (no disk writes;
 * writing and `--check` live in `write/`, driven by the CLI).
 */
import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { posix, relative, resolve } from "node:path";
import type { TypeMapping } from "../runtime/metadata.js";
import { createEmitContext, cmp } from "./emit/context.js";
import { compileClientTemplate, type ClientTemplate } from "./emit/client-file.js";
import type { GeneratedFile } from "./emit/generated-file.js";
import { createPrinterProject, emitServiceModule, banner } from "./emit/service-module.js";
import { resultTs } from "./emit/types-file.js";
import { formatTypeScript } from "./format/prettier.js";
import { loadModel, type ModelLoadOptions } from "./model/index.js";
import type { ServiceModel } from "./model/types.js";
import { fileSlug } from "./naming/identifiers.js";

export type { GeneratedFile } from "./emit/generated-file.js";
export type { ServiceModel } from "./model/types.js";
export { GeneratorError, formatDiagnostic, type Diagnostic } from "./diagnostics/diagnostic.js";

/** The generator version written to manifests (bumped with the package). */
export const GENERATOR_VERSION = "0.1.0";

export const DEFAULT_MAPPING: TypeMapping = { long: "bigint", decimal: "string", dateTime: "string" };

export interface GenerateOptions {
  /** Output folder; used to compute relative source labels (nothing is written here). */
  readonly outDir: string;
  /** Module specifier the generated code imports the runtime from. Default `soapkit/runtime`. */
  readonly runtimeImport?: string;
  readonly mapping?: Partial<TypeMapping>;
  /** Loader options (injectable reader, limits). */
  readonly load?: ModelLoadOptions;
  /** Per-stage timings are reported here when given. */
  readonly onTiming?: (stage: string, ms: number) => void;
}

export interface GenerateResult {
  readonly files: GeneratedFile[];
  readonly models: readonly ServiceModel[];
}

const TEMPLATE_URL = new URL("../templates/client.ts.hbs", import.meta.url);

/** Generate the files for `sources` (WSDL paths or URLs). Throws `GeneratorError` on bad input. */
export async function generate(sources: readonly string[], options: GenerateOptions): Promise<GenerateResult> {
  const time = timer(options.onTiming);
  const mapping: TypeMapping = { ...DEFAULT_MAPPING, ...options.mapping };
  const runtimeImport = options.runtimeImport ?? "soapkit/runtime";
  const outDir = resolve(options.outDir);

  const models = await time("load+parse+model", () => Promise.all(sources.map((s) => loadModel(s, options.load ?? {}))));
  const template: ClientTemplate = compileClientTemplate(await readFile(TEMPLATE_URL, "utf8"));
  const project = createPrinterProject();

  const slugs = uniqueSlugs(sources);
  const raw = await time("emit", async () => {
    const files: GeneratedFile[] = [];
    models.forEach((model, i) => {
      const ctx = createEmitContext(model, { runtimeImport, mapping, sourceLabel: sourceLabel(sources[i]!, outDir), generatorVersion: GENERATOR_VERSION });
      files.push(...emitServiceModule(ctx, slugs[i]!, project, template));
    });
    files.push(rootIndex(models, slugs, sources, outDir));
    return files;
  });

  const formatted = await time("format", () =>
    Promise.all(raw.map(async (f) => ({ path: f.path, content: f.path.endsWith(".ts") ? await formatTypeScript(f.content) : f.content }))),
  );
  formatted.push(manifest(models, slugs, sources, outDir, mapping, runtimeImport, formatted));
  formatted.sort((a, b) => cmp(a.path, b.path));
  return { files: formatted, models };
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

function rootIndex(models: readonly ServiceModel[], slugs: readonly string[], sources: readonly string[], outDir: string): GeneratedFile {
  const lines = [banner(sources.map((s) => sourceLabel(s, outDir)).join(", "))];
  const flat = new Set<string>();
  models.forEach((model, i) => {
    const ns = nsIdentifier(model, slugs[i]!);
    lines.push(`export * as ${ns} from "./${slugs[i]}/index.js";`);
  });
  models.forEach((model, i) => {
    // Client entry points are also exported flat for convenience (types stay namespaced:
    // two WSDLs of one vendor usually share type names such as SoCredentials).
    const ctx = createEmitContext(model, { runtimeImport: "", mapping: DEFAULT_MAPPING, sourceLabel: "", generatorVersion: "" });
    const values: string[] = [];
    const types: string[] = [];
    for (const p of ctx.names.ports) {
      for (const v of [p.factory, p.client, p.metadata]) if (!flat.has(v)) (flat.add(v), values.push(v));
      for (const t of [p.agent, p.requestHeaders, p.responseHeaders, p.operations]) if (!flat.has(t)) (flat.add(t), types.push(t));
    }
    if (values.length > 0) lines.push(`export { ${values.join(", ")} } from "./${slugs[i]}/index.js";`);
    if (types.length > 0) lines.push(`export type { ${types.join(", ")} } from "./${slugs[i]}/index.js";`);
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
): GeneratedFile {
  const services = models.flatMap((model, i) => {
    const ctx = createEmitContext(model, { runtimeImport, mapping, sourceLabel: "", generatorVersion: GENERATOR_VERSION });
    return model.ports.map((port, p) => {
      const names = ctx.names.ports[p]!;
      const clientModule = model.ports.length === 1 ? "client" : `client-${fileSlug(port.name)}`;
      return {
        source: sourceLabel(sources[i]!, outDir),
        module: `${slugs[i]}/index.ts`,
        service: port.service,
        port: port.name,
        binding: port.binding,
        portType: port.portType,
        soapVersion: port.soapVersion,
        address: port.address,
        client: { factory: names.factory, class: names.client, agent: names.agent, metadata: names.metadata, module: `${slugs[i]}/${clientModule}.ts` },
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
    options: { mapping, runtimeImport },
    sources: models.map((m, i) => ({
      source: sourceLabel(sources[i]!, outDir),
      module: slugs[i],
      documents: m.files.map((f) => ({ path: sourceLabel(f.path, outDir), sha256: f.sha256 })),
    })),
    services,
    files: files.map((f) => ({ path: f.path, sha256: sha256(f.content) })).sort((a, b) => cmp(a.path, b.path)),
  };
  return { path: "soapkit.manifest.json", content: `${JSON.stringify(body, null, 2)}\n` };
}

export { posix };
