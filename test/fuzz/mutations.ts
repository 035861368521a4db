/**
 * WSDL mutations for the seeded fuzz test: each takes the WSDL text (and the slot values it
 * was built from) and returns a mutated text plus a short description for the failure report.
 */
import { BENIGN, hostileWsdl, SLOTS, type Slot } from "../helpers/hostile-wsdl.js";
import type { Prng } from "./helpers/prng.js";

export interface Mutated {
  readonly wsdl: string;
  readonly steps: readonly string[];
}

const NAME_SLOTS: readonly Slot[] = [
  "service",
  "port",
  "binding",
  "portType",
  "operation",
  "fieldName",
  "typeName",
  "enumTypeName",
  "headerPart",
  "message",
];

/** Names that collide with what soapkit declares, imports, or what TypeScript reserves. */
const NASTY_NAMES = [
  "AgentCallOptions",
  "ServiceMetadata",
  "EchoPortTypeClient",
  "EchoPortTypeClientOptions",
  "EchoPortTypeAgent",
  "EchoPortTypeMetadata",
  "EchoPortTypeOperations",
  "createEchoPortTypeClient",
  "EchoRequest",
  "EchoResponse",
  "ShadeValues",
  "ColourValues",
  "Promise",
  "Record",
  "Array",
  "Date",
  "class",
  "constructor",
  "then",
  "call",
  "__proto__",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "default",
  "await",
  "1abc",
  "a.b-c",
  "Échelle",
  "x".repeat(300),
  "Echo",
  "Shade",
  "Colour",
  "Token",
  "text",
];

const HOSTILE = [
  "*/ globalThis.pwned = 1; /*",
  '"); pwned(); ("',
  "`${pwned()}`",
  "a\nb",
  "a\rb",
  "a\u2028b",
  "a\u2029b",
  "\\",
  "x*",
  "/y",
  "</script>",
  "'",
  "\u0085",
  "😀",
  "",
  " ",
  "tns:Shade",
  "{urn:x}y",
];

/** Extra schema components used by the structural mutations. */
const EXTRA_TYPES: Record<string, string> = {
  selfExtension: `<xs:complexType name="Loop"><xs:complexContent><xs:extension base="tns:Loop"><xs:sequence/></xs:extension></xs:complexContent></xs:complexType>`,
  extensionCycle: `<xs:complexType name="P"><xs:complexContent><xs:extension base="tns:Q"><xs:sequence/></xs:extension></xs:complexContent></xs:complexType><xs:complexType name="Q"><xs:complexContent><xs:extension base="tns:P"><xs:sequence/></xs:extension></xs:complexContent></xs:complexType>`,
  restrictionCycle: `<xs:simpleType name="R1"><xs:restriction base="tns:R2"/></xs:simpleType><xs:simpleType name="R2"><xs:restriction base="tns:R1"/></xs:simpleType>`,
  derived: `<xs:complexType name="Tint"><xs:complexContent><xs:extension base="tns:Shade"><xs:sequence><xs:element name="depth" type="xs:int"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>`,
  redeclared: `<xs:complexType name="Tint2"><xs:complexContent><xs:extension base="tns:Shade"><xs:sequence><xs:element name="colour" type="xs:int"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>`,
};

const USES: Record<string, string> = {
  selfExtension: "Loop",
  extensionCycle: "P",
  restrictionCycle: "R1",
  derived: "Tint",
  redeclared: "Tint2",
};

type TextMutation = (wsdl: string, r: Prng) => [string, string];

function duplicateMatch(re: RegExp, label: string, adjacent: boolean): TextMutation {
  return (wsdl, r) => {
    const all = [...wsdl.matchAll(re)];
    if (all.length === 0) return [wsdl, `${label}: no match`];
    const m = r.pick(all);
    const at = adjacent ? m.index! + m[0].length : wsdl.indexOf("\n", m.index! + m[0].length + 40);
    if (at < 0) return [wsdl, `${label}: no place`];
    return [wsdl.slice(0, at) + m[0] + wsdl.slice(at), `${label}${adjacent ? "" : " (apart)"}`];
  };
}

const STRUCTURAL: Record<string, TextMutation> = {
  dupElement: duplicateMatch(/<xs:element name="[^"]*" type="[^"]*"[^>]*\/>/g, "duplicate element", true),
  dupElementApart: duplicateMatch(/<xs:element name="[^"]*" type="[^"]*"[^>]*\/>/g, "duplicate element", false),
  dupBindingOp: duplicateMatch(
    /<wsdl:operation name="[^"]*">\s*<soap:operation[\s\S]*?<\/wsdl:operation>/g,
    "duplicate binding operation",
    true,
  ),
  dupPortTypeOp: duplicateMatch(
    /<wsdl:operation name="[^"]*">\s*<wsdl:documentation[\s\S]*?<\/wsdl:operation>/g,
    "duplicate portType operation",
    true,
  ),
  dupService: duplicateMatch(/<wsdl:service[\s\S]*?<\/wsdl:service>/g, "duplicate service", true),
  dupPort: duplicateMatch(/<wsdl:port name[\s\S]*?<\/wsdl:port>/g, "duplicate port", true),
  dupType: duplicateMatch(/<xs:complexType name="[^"]*">[\s\S]*?<\/xs:complexType>/g, "duplicate complexType", true),
  dupMessage: duplicateMatch(/<wsdl:message [^\n]*\n/g, "duplicate message", true),
  dropLine: (w, r) => {
    const lines = w.split("\n");
    const i = 1 + r.int(lines.length - 2);
    return [[...lines.slice(0, i), ...lines.slice(i + 1)].join("\n"), `drop line ${i + 1}`];
  },
  swapLines: (w, r) => {
    const lines = w.split("\n");
    const i = 1 + r.int(lines.length - 2);
    const j = 1 + r.int(lines.length - 2);
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return [lines.join("\n"), `swap lines ${i + 1} and ${j + 1}`];
  },
  dropReference: (w, r) => {
    const refs = [...w.matchAll(/(type|base|element|message|binding)="tns:([^"]*)"/g)];
    const m = r.pick(refs);
    return [
      w.slice(0, m.index!) + `${m[1]}="tns:${m[2]}Gone"` + w.slice(m.index! + m[0].length),
      `dangling ${m[1]} reference to ${m[2]}`,
    ];
  },
  addTypes: (w, r) => {
    const key = r.pick(Object.keys(EXTRA_TYPES));
    const withType = w.replace("</xs:schema>", `${EXTRA_TYPES[key]}</xs:schema>`);
    const use = `<xs:element name="extra" type="tns:${USES[key]}" minOccurs="0"/>`;
    return [withType.replace('<xs:element name="shade"', `${use}<xs:element name="shade"`), `add ${key}`];
  },
};

/** One fuzz case: slot values (benign, hostile or nasty names) plus 0–3 structural mutations. */
export function mutate(r: Prng): Mutated {
  const values: Partial<Record<Slot, string>> = {};
  const steps: string[] = [];
  for (let n = r.int(3); n > 0; n--) {
    const nameSlot = r.chance(0.5);
    const slot = nameSlot ? r.pick(NAME_SLOTS) : r.pick(SLOTS);
    const value = nameSlot ? r.pick(NASTY_NAMES) : r.pick(HOSTILE) + (r.chance(0.3) ? BENIGN[slot] : "");
    values[slot] = value;
    steps.push(`${slot}=${JSON.stringify(value.slice(0, 40))}`);
  }
  let wsdl = hostileWsdl(values);
  for (let n = r.int(4); n > 0; n--) {
    const [next, step] = STRUCTURAL[r.pick(Object.keys(STRUCTURAL))]!(wsdl, r);
    wsdl = next;
    steps.push(step);
  }
  return { wsdl, steps };
}
