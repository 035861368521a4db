/**
 * `types.ts` of a service module, built with ts-morph structures: schema types, wrapper
 * types, header interfaces, the operation map and the transport-neutral agent interface.
 */
import type {
  InterfaceDeclarationStructure,
  JSDocStructure,
  OptionalKind,
  PropertySignatureStructure,
  StatementStructures,
  TypeAliasDeclarationStructure,
} from "ts-morph";
import { StructureKind, VariableDeclarationKind } from "./structures.js";
import type { Attribute, ComplexType, Field, HeaderPart, Operation, Port, TypeDef } from "../model/types.js";
import { qnameKey } from "../model/types.js";
import type { PortNames } from "../naming/assign-names.js";
import { cmp, type EmitContext } from "./context.js";
import { facetNote, elementValueNote } from "./value-note.js";
import { docText, identifier, memberName, propertyKey, stringLiteral } from "./escape.js";
import { variantOf, variantStatement } from "./variants.js";
import { needsAlias, scopeOf, scopeText } from "./content-ts.js";
import { unionNote, unionTs } from "./union-ts.js";
import { ANY_ATTRIBUTES_PROPERTY, TEXT_PROPERTY, builtinNote, fieldTs, hasXmlExtras, typeUseTs } from "./ts-types.js";

/** Statements of `types.ts` (without banner/imports, which the caller adds). */
export function typesStatements(ctx: EmitContext): StatementStructures[] {
  const out: StatementStructures[] = [];
  const sorted = [...ctx.model.types.values()].sort((a, b) => cmp(ctx.typeName(a.id), ctx.typeName(b.id)));
  for (const t of sorted) out.push(...typeStatements(ctx, t));
  ctx.model.ports.forEach((port, i) => out.push(...portStatements(ctx, port, ctx.names.ports[i]!)));
  return out;
}

function docs(...parts: (string | undefined)[]): OptionalKind<JSDocStructure>[] {
  const text = parts
    .filter((p): p is string => p !== undefined && p.trim() !== "")
    .map(docText)
    .join("\n\n");
  return text === "" ? [] : [{ description: text }];
}

/**
 * The line naming the XSD component a declaration comes from (anonymous ones by where they sit).
 * Plain text, not a `@see` tag: tsc parses a TypeScript file's JSDoc only when it holds `@see` or
 * `@link`, so a tag here would make every consumer's compile parse every comment of types.ts.
 */
function provenance(t: TypeDef): string {
  const what = t.kind === "complex" ? "xsd:complexType" : "xsd:simpleType";
  if (!t.anonymous) return `Schema: ${what} \`${qnameKey(t.qname)}\``;
  const m = /^[a-zA-Z]+:(\{[^}]*\})([^#/]+)(.*)$/.exec(t.id);
  if (m) {
    const [, ns, parent, rest] = m as unknown as [string, string, string, string];
    if (rest === "#element") return `Schema: anonymous ${what} of element \`${ns}${parent}\``;
    if (rest === "/item") return `Schema: anonymous item type of the xsd:list \`${ns}${parent}\``;
    const attr = /^(.*)\/@([^/]+)$/.exec(rest);
    if (attr)
      return `Schema: anonymous ${what} of attribute \`${attr[2]}\` in \`${ns}${parent}${attr[1]!.replace(/#element/g, "")}\``;
    const path = rest.replace(/^[#/]+/, "").replace(/#element/g, "");
    return `Schema: anonymous ${what} of element \`${path}\` in \`${ns}${parent}\``;
  }
  return `Schema: anonymous ${what} \`${qnameKey(t.qname)}\``;
}

function typeStatements(ctx: EmitContext, t: TypeDef): StatementStructures[] {
  const name = identifier(ctx.typeName(t.id));
  switch (t.kind) {
    case "enum": {
      const values = t.values.map((v) => stringLiteral(v.value));
      const valueDocs = t.values
        .filter((v) => v.documentation)
        .map((v) => `- \`${v.value}\`: ${v.documentation}`)
        .join("\n");
      return [
        alias(
          name,
          values.length > 0 ? values.join(" | ") : "never",
          docs(t.documentation, valueDocs || undefined, facetNote(t.facets), provenance(t)),
        ),
        {
          kind: StructureKind.VariableStatement,
          isExported: true,
          declarationKind: VariableDeclarationKind.Const,
          docs: docs(`Every value of {@link ${name}}, in schema order.`),
          declarations: [
            {
              name: identifier(ctx.names.enumValues.get(t.id)!),
              type: `readonly ${name}[]`,
              initializer: `[${values.join(", ")}]`,
            },
          ],
        },
      ];
    }
    case "list":
      return [
        alias(
          name,
          `${typeUseTs(ctx, t.item)}[]`,
          docs(t.documentation, "An `xs:list`: sent as space-separated tokens.", provenance(t)),
        ),
      ];
    case "alias": {
      if (t.union !== undefined)
        return [alias(name, unionTs(ctx, t.union), docs(t.documentation, unionNote(ctx, t.union), provenance(t)))];
      const note = t.base.kind === "builtin" ? builtinNote(t.base.name, ctx.options.mapping) : undefined;
      return [alias(name, typeUseTs(ctx, t.base), docs(t.documentation, note, facetNote(t.facets), provenance(t)))];
    }
    case "complex": {
      const variant = variantStatement(ctx, t);
      return variant === undefined
        ? [complexStatement(ctx, t, name)]
        : [complexStatement(ctx, t, name), { kind: StructureKind.TypeAlias, ...variant }];
    }
  }
}

function alias(name: string, type: string, d: OptionalKind<JSDocStructure>[]): TypeAliasDeclarationStructure {
  return { kind: StructureKind.TypeAlias, name, isExported: true, type, docs: d };
}

function complexStatement(ctx: EmitContext, t: ComplexType, name: string): StatementStructures {
  if (t.isArrayWrapper && t.fields.length === 1) {
    const item = t.fields[0]!;
    const itemTs = variantOf(ctx, item.type) ?? typeUseTs(ctx, item.type);
    const dict = t.isDictionary
      ? "A WCF dictionary (`IsDictionary`): convert with `dictionaryToRecord`/`recordToDictionary` from the runtime."
      : undefined;
    return alias(
      name,
      item.nillable ? `(${itemTs} | null)[]` : `${itemTs}[]`,
      docs(
        t.documentation,
        `Array wrapper: each item travels as a \`${item.qname.local}\` element.`,
        dict,
        provenance(t),
      ),
    );
  }
  if (t.fields.length === 0 && t.base === undefined && !hasXmlExtras(t) && !ctx.hierarchy.has(t.id)) {
    return alias(name, "Record<string, never>", docs(t.documentation, "Empty sequence.", provenance(t)));
  }
  const properties: OptionalKind<PropertySignatureStructure>[] = [];
  if (ctx.hierarchy.has(t.id)) {
    const ids = [name, ...(ctx.subtypes.get(t.id) ?? []).map((s) => ctx.typeName(s))];
    properties.push({
      name: "$type",
      hasQuestionToken: true,
      type: ids.map((n) => stringLiteral(n)).join(" | "),
      docs: docs(
        "Concrete type: set it to send a derived type where this type is declared (written as `xsi:type`); set on decoded values.",
      ),
    });
  }
  for (const a of t.attributes ?? []) properties.push(attributeProperty(ctx, a));
  if (t.text !== undefined) properties.push(textProperty(ctx, t));
  if (t.mixed === true) {
    properties.push({
      name: propertyKey(TEXT_PROPERTY),
      hasQuestionToken: true,
      type: "string",
      docs: docs('Text between the child elements (`mixed="true"`), joined.'),
    });
  }
  const scope = t.particles !== undefined ? scopeOf(ctx, t.particles) : undefined;
  if (scope !== undefined) properties.push(...scope.props);
  else for (const f of t.fields) properties.push(fieldProperty(ctx, f));
  if (t.anyAttribute === true) {
    properties.push({
      name: propertyKey(ANY_ATTRIBUTES_PROPERTY),
      hasQuestionToken: true,
      type: "Record<string, string>",
      docs: docs(
        "Attributes the schema admits through `xs:anyAttribute`, keyed `{namespace}local` (or `local` without a namespace), with their lexical values.",
      ),
    });
  }
  if (needsAlias(ctx, t)) {
    const own = scopeText(ctx, { props: properties, unions: scope?.unions ?? [], names: [] });
    const text = t.base === undefined ? own : `${identifier(ctx.typeName(t.base))} & ${own}`;
    return alias(name, text, docs(t.documentation, CHOICE_NOTE, provenance(t)));
  }
  const s: InterfaceDeclarationStructure = {
    kind: StructureKind.Interface,
    name,
    isExported: true,
    properties,
    docs: docs(t.documentation, provenance(t)),
  };
  if (t.base !== undefined) s.extends = [ctx.typeName(t.base)];
  return s;
}

const CHOICE_NOTE = "Holds an `xs:choice`: exactly one branch's properties may be given (the others are `never`).";

function fieldProperty(ctx: EmitContext, f: Field): OptionalKind<PropertySignatureStructure> {
  const note = f.type.kind === "builtin" ? builtinNote(f.type.name, ctx.options.mapping) : undefined;
  return {
    name: propertyKey(f.qname.local),
    hasQuestionToken: f.minOccurs === 0,
    type: fieldTs(ctx, f),
    docs: docs(f.documentation, elementValueNote(f), note),
  };
}

function attributeProperty(ctx: EmitContext, a: Attribute): OptionalKind<PropertySignatureStructure> {
  const note = a.type.kind === "builtin" ? builtinNote(a.type.name, ctx.options.mapping) : undefined;
  const name = a.qname.ns === "" ? `\`${a.qname.local}\`` : `\`${qnameKey(a.qname)}\``;
  const value =
    a.fixed !== undefined
      ? ` Fixed value \`${a.fixed}\`.`
      : a.default !== undefined
        ? ` Default \`${a.default}\` (applies when absent; not filled in on decoding).`
        : "";
  return {
    name: propertyKey(a.qname.local),
    hasQuestionToken: !a.required,
    type: typeUseTs(ctx, a.type),
    docs: docs(a.documentation, `XML attribute ${name}.${value}`, note),
  };
}

function textProperty(ctx: EmitContext, t: ComplexType): OptionalKind<PropertySignatureStructure> {
  const use = t.text!;
  const note = use.kind === "builtin" ? builtinNote(use.name, ctx.options.mapping) : undefined;
  return {
    name: propertyKey(TEXT_PROPERTY),
    type: typeUseTs(ctx, use),
    docs: docs("Text content of the element (`xs:simpleContent`).", note),
  };
}

function headerProperty(ctx: EmitContext, h: HeaderPart): OptionalKind<PropertySignatureStructure> {
  const base = typeUseTs(ctx, h.type);
  return {
    name: propertyKey(h.name),
    hasQuestionToken: true,
    type: h.nillable ? `${base} | null` : base,
    docs: docs(`SOAP header \`${qnameKey(h.element)}\`.`),
  };
}

/** Union of the header parts of all operations, by part name, in first-seen order. */
export function headerUnion(port: Port, which: "inputHeaders" | "outputHeaders"): HeaderPart[] {
  const seen = new Map<string, HeaderPart>();
  for (const op of port.operations) for (const h of op[which]) if (!seen.has(h.name)) seen.set(h.name, h);
  return [...seen.values()];
}

/** The TypeScript result type of an operation (what the agent method resolves to). */
export function resultTs(ctx: EmitContext, op: Operation): string {
  if (op.output === null) return "void";
  const wrapper = ctx.type(op.output.type);
  if (wrapper.kind !== "complex" || (wrapper.fields.length === 0 && !hasXmlExtras(wrapper))) return "void";
  if (wrapper.fields.length === 1 && !hasXmlExtras(wrapper)) {
    const f = wrapper.fields[0]!;
    const t = fieldTs(ctx, f);
    return f.minOccurs === 0 ? `${t} | undefined` : t;
  }
  return ctx.typeName(op.output.type);
}

/** True when the operation's request wrapper has no required field (params may be omitted). */
export function paramsOptional(ctx: EmitContext, op: Operation): boolean {
  return allOptional(ctx, ctx.type(op.input.type), new Set());
}

/** No required member in `w` nor in the types it extends. */
function allOptional(ctx: EmitContext, w: TypeDef, seen: Set<TypeDef>): boolean {
  if (seen.has(w)) return true;
  seen.add(w);
  return (
    w.kind === "complex" &&
    (w.base === undefined || allOptional(ctx, ctx.type(w.base), seen)) &&
    w.fields.every((f) => f.minOccurs === 0) &&
    !(w.particles ?? []).some((p) => p.kind !== "element" && p.minOccurs > 0) &&
    w.text === undefined &&
    !(w.attributes ?? []).some((a) => a.required)
  );
}

/** One JSDoc text for an operation. */
export function operationDoc(op: Operation): string {
  return [op.documentation, `SOAP action \`${op.soapAction}\`.`].filter(Boolean).join("\n\n");
}

function portStatements(ctx: EmitContext, port: Port, names: PortNames): StatementStructures[] {
  const reqHeaders = headerUnion(port, "inputHeaders");
  const resHeaders = headerUnion(port, "outputHeaders");
  const opEntries: OptionalKind<PropertySignatureStructure>[] = port.operations.map((op) => ({
    name: propertyKey(op.name),
    type: `{ input: ${ctx.typeName(op.input.type)}; output: ${resultTs(ctx, op)} }`,
  }));
  return [
    {
      kind: StructureKind.Interface,
      name: identifier(names.requestHeaders),
      isExported: true,
      properties: reqHeaders.map((h) => headerProperty(ctx, h)),
      docs: docs(
        `SOAP request headers of port \`${port.name}\` (declared in the binding only). Give them per client, override per call.`,
      ),
    },
    {
      kind: StructureKind.Interface,
      name: identifier(names.responseHeaders),
      isExported: true,
      properties: resHeaders.map((h) => headerProperty(ctx, h)),
      docs: docs(`SOAP response headers of port \`${port.name}\`.`),
    },
    {
      kind: StructureKind.Interface,
      name: identifier(names.operations),
      isExported: true,
      properties: opEntries,
      docs: docs(`Operation name → request parameters and result of port \`${port.name}\`.`),
    },
    {
      kind: StructureKind.Interface,
      name: identifier(names.agent),
      isExported: true,
      docs: docs(
        port.documentation,
        `The \`${port.portType}\` agent: one typed contract, implemented by the generated client over any transport.`,
      ),
      methods: port.operations.map((op) => ({
        name: memberName(names.methods.get(op.name)!),
        parameters: [
          { name: "params", type: ctx.typeName(op.input.type), hasQuestionToken: paramsOptional(ctx, op) },
          { name: "options", type: "AgentCallOptions", hasQuestionToken: true },
        ],
        returnType: `Promise<${resultTs(ctx, op)}>`,
        docs: docs(operationDoc(op)),
      })),
    },
  ];
}

export { cmp };
