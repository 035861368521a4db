/**
 * The lines of the client template whose layout depends on the length of a port's names, in
 * prettier's layout (pinned options): generic type arguments broken one per line with the `>`
 * back at the line's indent, a union parameter broken before its members, call arguments
 * broken or the last object hugged. A line none of these rules fits stays one line: too wide,
 * and the file then goes to prettier (`layoutCertain`). test/unit/emit/client-layout.test.ts
 * compares every line with prettier's over a range of name lengths.
 */
import { WIDTH, pad } from "../format/layout-rules.js";

/** A type reference with type arguments (`Name<A, B>`), or a type printed as is. */
export type Ref = string | { readonly name: string; readonly args: readonly Ref[] };

export function flatRef(t: Ref): string {
  return typeof t === "string" ? t : `${t.name}<${t.args.map(flatRef).join(", ")}>`;
}

/**
 * `t` printed from column `col` of a line indented by `indent`, followed by `trail` characters
 * on its last line: flat when it fits, else its type arguments one per line at `indent + 2`.
 */
export function refAt(t: Ref, col: number, indent: number, trail: number): string {
  const flat = flatRef(t);
  if (col + flat.length + trail <= WIDTH || typeof t === "string") return flat;
  const inner = indent + 2;
  const args = t.args.map((a, i) => {
    const last = i === t.args.length - 1;
    return `${pad(inner)}${refAt(a, inner, inner, last ? 0 : 1)}${last ? "" : ","}`;
  });
  return `${t.name}<\n${args.join("\n")}\n${pad(indent)}>`;
}

/** `export type Name = Ref;`, or with the type on the next line when only that fits. */
export function typeAlias(name: string, type: Ref): string {
  const head = `export type ${name} =`;
  const flat = flatRef(type);
  if (head.length + 1 + flat.length + 1 <= WIDTH) return `${head} ${flat};`;
  return `${head}\n  ${refAt(type, 2, 2, 1)};`;
}

/** `  readonly #core: ClientCore<…>;` */
export function coreField(core: Ref): string {
  const head = "  readonly #core: ";
  return `${head}${refAt(core, head.length, 2, 1)};`;
}

/**
 * `    this.#core = new ClientCore<…>(metadata, last);` — `last` is the options argument, or
 * the object `{ profile: …, ...options }` given as its properties (hugged when that fits).
 */
export function coreConstruction(core: Ref, metadata: string, last: string | readonly string[]): string {
  const lastFlat = typeof last === "string" ? last : `{ ${last.join(", ")} }`;
  const newHead = `    this.#core = new ${flatRef(core)}(`;
  const oneLine = `${newHead}${metadata}, ${lastFlat});`;
  if (oneLine.length <= WIDTH) return oneLine;
  const hug = (head: string): string | undefined => {
    const lastLine = head.slice(head.lastIndexOf("\n") + 1);
    if (typeof last === "string" || `${lastLine}${metadata}, {`.length > WIDTH) return undefined;
    return `${head}${metadata}, {\n${last.map((p) => `      ${p},`).join("\n")}\n    });`;
  };
  if (newHead.length <= WIDTH) {
    return hug(newHead) ?? `${newHead}\n      ${metadata},\n      ${lastFlat},\n    );`;
  }
  const typeArgs = refAt(core, "    this.#core = new ".length, 4, 1);
  const head = `    this.#core = new ${typeArgs.slice(0, typeArgs.lastIndexOf("\n"))}\n    >(`;
  const tail = `    >(${metadata}, ${lastFlat});`;
  if (tail.length <= WIDTH) return `${head}${metadata}, ${lastFlat});`;
  return hug(head) ?? oneLine;
}

/** `  ): Type;` (`end` `;`) or `  ): Type {` (`end` ` {`) closing a broken signature. */
export function signatureEnd(type: Ref, end: ";" | " {"): string {
  return `  ): ${refAt(type, "  ): ".length, 2, end.length)}${end}`;
}

/**
 * `    name?: A | B,` of a broken parameter list; else the union on the next line, flat when it
 * fits there, or one member per line.
 */
export function unionParameter(head: string, members: readonly string[]): string {
  const union = members.join(" | ");
  if (`    ${head} ${union},`.length <= WIDTH) return `    ${head} ${union},`;
  if (`      ${union},`.length <= WIDTH) return `    ${head}\n      ${union},`;
  return `    ${head}\n${members.map((m, i) => `      | ${m}${i === members.length - 1 ? "," : ""}`).join("\n")}`;
}

/**
 * `head(param)end {` at `indent` (`export function create(options: O = {}): C {`), or its one
 * parameter on a line of its own.
 */
export function oneParameterHead(indent: number, head: string, param: string, end: string): string {
  const flat = `${pad(indent)}${head}(${param})${end}`;
  if (flat.length <= WIDTH) return flat;
  return `${pad(indent)}${head}(\n${pad(indent + 2)}${param},\n${pad(indent)})${end}`;
}
