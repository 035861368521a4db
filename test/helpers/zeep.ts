/**
 * Runs ./zeep_bridge.py (one Python process per test file) with Debian's
 * python3-zeep, and compares its JSON answers.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";
import { PYTHON } from "./tools.js";
import type { Json } from "./zeep-values.js";

export const BRIDGE = fileURLToPath(new URL("./zeep_bridge.py", import.meta.url));

export interface ZeepRequestJob {
  readonly id: string;
  readonly op: string;
  readonly params: Json;
  readonly headers: Json;
  /** soapkit's envelope for the same values. */
  readonly soapkit: string;
}
export interface ZeepReplyJob {
  readonly id: string;
  readonly op: string;
  readonly xml: string;
}
/** A request or response envelope for zeep to read with the operation's message. */
export interface ZeepParseJob {
  readonly id: string;
  /** `wsdl:port` name (selects the binding). */
  readonly port: string;
  /** WSDL operation name. */
  readonly op: string;
  readonly direction: "request" | "response";
  readonly xml: string;
}
/** A request envelope for zeep's transport to POST to `url` (http://127.0.0.1 only). */
export interface ZeepCallJob {
  readonly id: string;
  /** `wsdl:port` name (selects the binding). */
  readonly port: string;
  /** WSDL operation name. */
  readonly op: string;
  readonly url: string;
  readonly xml: string;
}
export interface ZeepSuite {
  readonly name: string;
  readonly wsdl: string;
  readonly requests: readonly ZeepRequestJob[];
  readonly replies: readonly ZeepReplyJob[];
  readonly parses?: readonly ZeepParseJob[];
  readonly calls?: readonly ZeepCallJob[];
}

/** A canonical element (see `canon` in zeep_bridge.py). */
export interface CanonNode {
  readonly name: string;
  readonly attrs?: Record<string, string>;
  readonly text?: string;
  readonly mixed?: string;
  readonly children?: readonly CanonNode[];
}
export interface ZeepRequestResult {
  readonly id: string;
  readonly error?: string;
  readonly wsaAction?: string | null;
  readonly zeep?: CanonNode;
  readonly soapkit?: CanonNode;
}
export interface ZeepReplyResult {
  readonly id: string;
  readonly error?: string;
  readonly body?: Json;
  readonly header?: Json;
}
/** What zeep read from one `ZeepParseJob`: the body and header values (tagged JSON). */
export interface ZeepParseResult {
  readonly id: string;
  readonly error?: string;
  /** A parse error the bridge traced to a documented zeep limitation (see zeep_bridge.py). */
  readonly limitation?: string;
  readonly body?: Json;
  readonly header?: Json;
}
/** What zeep got from one `ZeepCallJob`: the HTTP status and the reply's values, as a parse. */
export interface ZeepCallResult extends ZeepParseResult {
  readonly status?: number;
}
/** The answer to one job. */
export interface ZeepSuiteAnswer {
  readonly name: string;
  readonly zeep: string;
  readonly requests: ZeepRequestResult[];
  readonly replies: ZeepReplyResult[];
  readonly parses: ZeepParseResult[];
  readonly calls: ZeepCallResult[];
}

/**
 * One Python process running the bridge for a whole test file. Jobs are written as JSON
 * lines and answered in order, so later jobs can be sent while zeep works on earlier ones.
 */
export class ZeepSession {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: { resolve(a: ZeepSuiteAnswer): void; reject(e: Error): void }[] = [];
  private buffer = "";
  private stderr = "";
  private failure: Error | undefined;

  constructor() {
    this.child = spawn(PYTHON, [BRIDGE], { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdout.setEncoding("utf8");
    this.child.stdout.on("data", (chunk: string) => {
      this.buffer += chunk;
      for (let nl = this.buffer.indexOf("\n"); nl >= 0; nl = this.buffer.indexOf("\n")) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        const w = this.waiting.shift();
        if (w === undefined) continue;
        try {
          w.resolve(JSON.parse(line) as ZeepSuiteAnswer);
        } catch (e) {
          w.reject(new Error(`zeep bridge wrote invalid JSON (${String(e)})`));
        }
      }
    });
    this.child.stderr.on("data", (c: Buffer) => (this.stderr += c.toString("utf8")));
    const fail = (e: Error): void => {
      this.failure = e;
      for (const w of this.waiting.splice(0)) w.reject(e);
    };
    this.child.on("error", fail);
    this.child.on("close", (code) => fail(new Error(`zeep bridge exited with ${String(code)}:\n${this.stderr}`)));
    this.child.stdin.on("error", () => undefined); // reported through "close"
  }

  /** Send one job; resolves with its answer. */
  run(suite: ZeepSuite): Promise<ZeepSuiteAnswer> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const answer = new Promise<ZeepSuiteAnswer>((resolve, reject) => this.waiting.push({ resolve, reject }));
    this.child.stdin.write(`${JSON.stringify(suite)}\n`);
    return answer;
  }

  /** No more jobs: the process exits after answering the pending ones. */
  end(): void {
    this.child.stdin.end();
  }
}

const DOUBLE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Character data of two canonical leaves denotes the same value. Only one lexical freedom is
 * accepted: xs:double/xs:float exponent notation (Python writes 1.5e-07, JavaScript 1.5e-7).
 * A text with an exponent can only be a float/double (xs:decimal and the integer types have no
 * exponent form), so when either side has one and both denote the same number they are equal.
 * Everything else (integers, decimals, booleans, dates, strings) must match exactly.
 */
export function sameLeafText(a: string, b: string): boolean {
  if (a === b) return true;
  if (!/[eE]/.test(a + b) || !DOUBLE.test(a) || !DOUBLE.test(b)) return false;
  return Number(a) === Number(b);
}

/** Path and description of the first difference between two JSON-like trees, or undefined. */
export function firstDifference(a: unknown, b: unknown, path = ""): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a === "string" && typeof b === "string" && path.endsWith(">.text") && sameLeafText(a, b)) return undefined;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") {
    return `${path || "(root)"}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const label = (o: Record<string, unknown>): string => (typeof o["name"] === "string" ? `<${o["name"]}>` : "");
  for (const k of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
    const d = firstDifference(ao[k], bo[k], `${path}${label(ao)}.${k}`);
    if (d !== undefined) return d;
  }
  return undefined;
}
