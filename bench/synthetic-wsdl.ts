/**
 * Builds a synthetic WSDL N times the size of a real one by cloning its service schema
 * (global elements/types), messages, portType operations and binding operations under
 * renamed names (`FooCopy2`, `FooCopy3`, ...). Every reference (`tns:Foo`, `message=`,
 * `soapAction=`, `wsaw:Action=`) is renamed consistently, so the result is a valid WSDL
 * with N× the operations and types in one portType/binding/service.
 *
 * Assumes the usual WCF layout: one `<xs:schema>` whose targetNamespace is the WSDL's
 * (prefix `tns`), plus helper schemas (Serialization, Arrays) that are left alone.
 */

export interface SyntheticWsdl {
  xml: string;
  copies: number;
  operations: number;
  /** Size relative to the original. */
  factor: number;
}

/** Grow `original` by adding renamed copies until it is at least `targetFactor` times as large. */
export function buildSyntheticWsdl(original: string, targetFactor: number): SyntheticWsdl {
  const tnsMatch = /<wsdl:definitions\b[^>]*\btargetNamespace="([^"]+)"/.exec(original);
  if (!tnsMatch) throw new Error("synthetic WSDL: no wsdl:definitions targetNamespace");
  const tns = tnsMatch[1]!;

  const schema = findSchema(original, tns);
  const schemaBody = original.slice(schema.bodyStart, schema.bodyEnd);
  const globals = topLevelNames(schemaBody);

  const messages = section(original, /<wsdl:message\b/, /<wsdl:portType\b/);
  const portType = innerOf(original, "wsdl:portType");
  const binding = innerOf(original, "wsdl:binding");
  const portOps = operationsOf(original.slice(portType.start, portType.end));
  const bindingOps = operationsOf(original.slice(binding.start, binding.end));
  const opCount = (original.slice(portType.start, portType.end).match(/<wsdl:operation\b/g) ?? []).length;

  const schemaCopies: string[] = [];
  const messageCopies: string[] = [];
  const portCopies: string[] = [];
  const bindingCopies: string[] = [];
  let copies = 1;
  const size = (): number =>
    original.length + [schemaCopies, messageCopies, portCopies, bindingCopies].flat().reduce((n, s) => n + s.length, 0);
  while (size() < targetFactor * original.length) {
    copies++;
    const suffix = `Copy${copies}`;
    schemaCopies.push(renameSchema(schemaBody, globals, suffix));
    messageCopies.push(renameWsdlPart(messages.text, globals, suffix));
    portCopies.push(renameWsdlPart(portOps, globals, suffix));
    bindingCopies.push(renameWsdlPart(bindingOps, globals, suffix));
  }

  // Splice from the end backwards so earlier offsets stay valid.
  let xml = original;
  xml = xml.slice(0, binding.end) + bindingCopies.join("") + xml.slice(binding.end);
  xml = xml.slice(0, portType.end) + portCopies.join("") + xml.slice(portType.end);
  xml = xml.slice(0, messages.end) + messageCopies.join("") + xml.slice(messages.end);
  xml = xml.slice(0, schema.bodyEnd) + schemaCopies.join("") + xml.slice(schema.bodyEnd);
  return { xml, copies, operations: opCount * copies, factor: xml.length / original.length };
}

/** The `<xs:schema>` with targetNamespace `tns`: offsets of its content. */
function findSchema(xml: string, tns: string): { bodyStart: number; bodyEnd: number } {
  const re = /<xs:schema\b[^>]*>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (!m[0].includes(`targetNamespace="${tns}"`)) continue;
    const bodyStart = m.index + m[0].length;
    const bodyEnd = xml.indexOf("</xs:schema>", bodyStart);
    if (bodyEnd < 0) throw new Error("synthetic WSDL: unterminated xs:schema");
    return { bodyStart, bodyEnd };
  }
  throw new Error(`synthetic WSDL: no xs:schema for ${tns}`);
}

/** Names declared directly under the schema (depth 0), by a tiny tag scanner. */
function topLevelNames(body: string): Set<string> {
  const names = new Set<string>();
  let depth = 0;
  const tag = /<(\/?)([\w:.-]+)([^>]*?)(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    if (m[2] === undefined) continue; // comment / PI
    if (m[1] === "/") {
      depth--;
      continue;
    }
    if (depth === 0 && /^xs:(element|complexType|simpleType|group|attributeGroup|attribute)$/.test(m[2])) {
      const name = /\bname="([^"]+)"/.exec(m[3] ?? "");
      if (name) names.add(name[1]!);
    }
    if (m[4] !== "/") depth++;
  }
  return names;
}

function renameRefs(text: string, globals: Set<string>, suffix: string): string {
  // tns:Foo in attribute values (type=, base=, ref=, element=, itemType=, memberTypes=)
  return text.replace(/\btns:([\w.-]+)/g, (all, name: string) => (globals.has(name) ? `tns:${name}${suffix}` : all));
}

function renameSchema(body: string, globals: Set<string>, suffix: string): string {
  // Drop the xs:import lines (already present once); rename depth-0 declarations only.
  const withoutImports = body.replace(/\s*<xs:import\b[^>]*\/>/g, "");
  let depth = 0;
  const tag = /<(\/?)([\w:.-]+)([^>]*?)(\/?)>|<!--[\s\S]*?-->/g;
  const renamed = withoutImports.replace(
    tag,
    (
      all,
      close: string | undefined,
      qname: string | undefined,
      attrs: string | undefined,
      selfClose: string | undefined,
    ) => {
      if (qname === undefined) return all;
      if (close === "/") {
        depth--;
        return all;
      }
      let out = all;
      if (depth === 0 && attrs !== undefined) {
        out = out.replace(/\bname="([^"]+)"/, (a, n: string) => (globals.has(n) ? `name="${n}${suffix}"` : a));
      }
      if (selfClose !== "/") depth++;
      return out;
    },
  );
  return renameRefs(renamed, globals, suffix);
}

/** Messages / operations: rename names (not part names), message refs, element refs and actions. */
function renameWsdlPart(text: string, globals: Set<string>, suffix: string): string {
  let out = text.replace(
    /<(wsdl:(?:message|operation|input|output|fault))\b([^>]*?)\bname="([^"]+)"/g,
    (_a, el: string, mid: string, n: string) => `<${el}${mid}name="${n}${suffix}"`,
  );
  out = out.replace(/\bmessage="tns:([^"]+)"/g, (_a, n: string) => `message="tns:${n}${suffix}"`);
  out = out.replace(
    /\b(soapAction|wsaw:Action|Action)="([^"]+)"/g,
    (_a, attr: string, v: string) => `${attr}="${v}${suffix}"`,
  );
  return renameRefs(out, globals, suffix);
}

/** [start, end) and text of everything from the first `start` match up to the line of `stop`. */
function section(xml: string, start: RegExp, stop: RegExp): { start: number; end: number; text: string } {
  const s = xml.search(start);
  const e = xml.search(stop);
  if (s < 0 || e < 0 || e < s) throw new Error(`synthetic WSDL: section ${start} not found`);
  const end = xml.lastIndexOf("\n", e) + 1;
  return { start: s, end, text: xml.slice(s, end) };
}

function innerOf(xml: string, tag: string): { start: number; end: number } {
  const open = new RegExp(`<${tag}\\b[^>]*>`).exec(xml);
  if (!open) throw new Error(`synthetic WSDL: no <${tag}>`);
  const start = open.index + open[0].length;
  const end = xml.indexOf(`</${tag}>`, start);
  if (end < 0) throw new Error(`synthetic WSDL: unterminated <${tag}>`);
  return { start, end };
}

/** The `<wsdl:operation>...</wsdl:operation>` elements of a portType/binding body, concatenated. */
function operationsOf(body: string): string {
  const ops = body.match(/\s*<wsdl:operation\b[\s\S]*?<\/wsdl:operation>/g);
  if (!ops) throw new Error("synthetic WSDL: no operations");
  return ops.join("");
}
