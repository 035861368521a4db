/**
 * Identifier rules for emitted TypeScript: validity, reserved words, property-key quoting
 * and casing. Pure functions; the only place such rules live.
 */

/** Words that cannot be used as a type or value name in emitted code. */
const RESERVED = new Set([
  // ECMAScript reserved words and strict-mode future reserved words
  "break",
  "case",
  "catch",
  "class",
  "const",
  "continue",
  "debugger",
  "default",
  "delete",
  "do",
  "else",
  "enum",
  "export",
  "extends",
  "false",
  "finally",
  "for",
  "function",
  "if",
  "import",
  "in",
  "instanceof",
  "new",
  "null",
  "return",
  "super",
  "switch",
  "this",
  "throw",
  "true",
  "try",
  "typeof",
  "var",
  "void",
  "while",
  "with",
  "implements",
  "interface",
  "let",
  "package",
  "private",
  "protected",
  "public",
  "static",
  "yield",
  "await",
  "arguments",
  "eval",
  // TypeScript predefined type names (a type alias may not take these names)
  "any",
  "bigint",
  "boolean",
  "never",
  "number",
  "object",
  "string",
  "symbol",
  "undefined",
  "unknown",
  "intrinsic",
  // globals the generated code uses and must not shadow
  "Array",
  "ReadonlyArray",
  "Record",
  "Partial",
  "Promise",
  "Uint8Array",
  "Date",
  "Map",
  "Object",
  "String",
  "Number",
  "Boolean",
  "Error",
  "Symbol",
  "BigInt",
  "AbortSignal",
]);

/**
 * Object.prototype members: type names are also keys of the metadata's `types` record, and
 * such a key in an object literal loses its contextual type (TS2322) or, for `__proto__`,
 * sets the prototype instead of a property. No declared name may take them.
 */
const OBJECT_MEMBERS = new Set([
  "constructor",
  "__proto__",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "toString",
  "valueOf",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
]);

/** True when `name` is an `Object.prototype` member (see `OBJECT_MEMBERS`). */
export function isObjectMember(name: string): boolean {
  return OBJECT_MEMBERS.has(name);
}

const IDENT = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

/** True when `name` is a syntactically valid identifier (ignoring reserved words). */
export function isIdentifier(name: string): boolean {
  return IDENT.test(name);
}

/** True when `name` may be declared as a type/const name in emitted code. */
export function isDeclarableName(name: string): boolean {
  return isIdentifier(name) && !RESERVED.has(name) && !OBJECT_MEMBERS.has(name);
}

/**
 * Turn any XML NCName into a declarable TypeScript identifier: invalid characters become `_`,
 * a leading digit gets a `_` prefix, reserved words get a `_` suffix. Deterministic.
 */
export function toTypeIdentifier(raw: string): string {
  const s = sanitize(raw);
  return OBJECT_MEMBERS.has(s) ? `${s}_` : s;
}

/** Valid identifier characters, no leading digit, reserved words suffixed (member names may be Object members). */
function sanitize(raw: string): string {
  let s = [...raw]
    .map((ch, i) => (new RegExp(i === 0 ? "[\\p{ID_Start}$_]" : "[\\p{ID_Continue}$]", "u").test(ch) ? ch : "_"))
    .join("");
  if (s === "") s = "_";
  if (!/^[\p{ID_Start}$_]/u.test(s)) s = `_${s}`;
  if (RESERVED.has(s)) s = `${s}_`;
  return s;
}

/** `SyncEmailAccount` → `syncEmailAccount`; `GetEMail` → `getEMail`; `EMail` → `eMail`. */
export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** `emailAccount` → `EmailAccount`. */
export function upperFirst(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** A method name for an operation: lower camel case (or PascalCase), valid as a member name. */
export function toMethodName(operation: string, casing: "camel" | "pascal" = "camel"): string {
  const id = sanitize(operation);
  const stem = id.replace(/^_+/, "");
  const m = (casing === "pascal" ? upperFirst(stem) : lowerFirst(stem)) || "_";
  return isIdentifier(m) ? m : `_${m}`;
}

/** Last meaningful segment of a namespace URI, as an identifier prefix (`.../Serialization/Arrays` → `Arrays`). */
export function namespaceHint(ns: string): string {
  const parts = ns.split(/[/:#]+/).filter((p) => p !== "" && !/^(https?|urn|www\..*|schemas)$/i.test(p));
  const last = parts.at(-1) ?? "Ns";
  return upperFirst(toTypeIdentifier(last.replace(/[^A-Za-z0-9_]/g, "_")));
}

/** A file-system friendly slug for a source file (`Services84-EMail.wsdl` → `services84-email`). */
export function fileSlug(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  const stem = base.replace(/\?.*$/, "").replace(/\.(wsdl|xml|svc)$/i, "");
  const slug = stem
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug || "service";
}
