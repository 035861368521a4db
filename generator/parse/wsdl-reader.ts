/**
 * `wsdl:definitions` element tree → raw WSDL 1.1 model (see raw-wsdl.ts). Inline schemas are
 * read with xsd-reader. References stay unresolved.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { wsdlDocumentation } from "./annotation.js";
import { NS } from "./namespaces.js";
import { qnameAttribute } from "./qname.js";
import type {
  RawBinding,
  RawBindingMessage,
  RawBindingOperation,
  RawBindingProtocol,
  RawDefinitions,
  RawDocument,
  RawMessage,
  RawOperationMessage,
  RawPort,
  RawPortType,
  RawPortTypeOperation,
  RawService,
  RawSoapHeader,
  RawWsdlImport,
} from "./raw-wsdl.js";
import type { RawSchema, RawUnsupported } from "./raw-xsd.js";
import { readSchema } from "./xsd-reader.js";
import { isPolicyElement, policyId, readAttachments, readPolicyNode } from "./policy-reader.js";
import { attributeLocation, attributeValue, nodeLocation, type XmlNode } from "./xml.js";

const SOAP_NS = new Set<string>([NS.soap11, NS.soap12]);

function wsdlChildren(node: XmlNode, local: string): XmlNode[] {
  return node.children.filter((c) => c.ns === NS.wsdl && c.local === local);
}

function docs(node: XmlNode): { documentation: string | undefined } {
  return { documentation: wsdlDocumentation(node) };
}

function requiredName(node: XmlNode, diagnostics: Diagnostic[]): string | undefined {
  const name = attributeValue(node, "name")?.trim();
  if (name) return name;
  diagnostics.push({
    kind: "wsdl-invalid",
    message: `wsdl:${node.local} has no name attribute`,
    location: nodeLocation(node),
  });
  return undefined;
}

function readMessage(node: XmlNode, name: string, diagnostics: Diagnostic[]): RawMessage {
  const parts = [];
  for (const p of wsdlChildren(node, "part")) {
    const partName = requiredName(p, diagnostics);
    if (partName === undefined) continue;
    parts.push({
      name: partName,
      element: qnameAttribute(p, "element"),
      type: qnameAttribute(p, "type"),
      location: nodeLocation(p),
    });
  }
  return { name, ...docs(node), parts, location: nodeLocation(node) };
}

function readOperationMessage(node: XmlNode): RawOperationMessage {
  return {
    name: attributeValue(node, "name")?.trim(),
    message: qnameAttribute(node, "message"),
    location: nodeLocation(node),
  };
}

function readPortType(node: XmlNode, name: string, diagnostics: Diagnostic[]): RawPortType {
  const operations: RawPortTypeOperation[] = [];
  for (const op of wsdlChildren(node, "operation")) {
    const opName = requiredName(op, diagnostics);
    if (opName === undefined) continue;
    let input: RawOperationMessage | undefined;
    let output: RawOperationMessage | undefined;
    let outputFirst = false;
    const faults: RawOperationMessage[] = [];
    for (const c of op.children) {
      if (c.ns !== NS.wsdl) continue;
      if (c.local === "input") input = readOperationMessage(c);
      else if (c.local === "output") {
        output = readOperationMessage(c);
        if (input === undefined) outputFirst = true;
      } else if (c.local === "fault") faults.push(readOperationMessage(c));
    }
    operations.push({
      name: opName,
      ...docs(op),
      input: input,
      output: output,
      faults,
      outputFirst,
      location: nodeLocation(op),
    });
  }
  return { name, ...docs(node), operations, location: nodeLocation(node) };
}

function readBindingMessage(node: XmlNode): RawBindingMessage {
  let body: RawBindingMessage["body"];
  const headers: RawSoapHeader[] = [];
  const unsupported: RawUnsupported[] = [];
  for (const c of node.children) {
    if (SOAP_NS.has(c.ns)) {
      if (c.local === "body") {
        const parts = attributeValue(c, "parts");
        body = {
          use: attributeValue(c, "use")?.trim(),
          parts:
            parts === undefined
              ? undefined
              : parts
                  .trim()
                  .split(/\s+/)
                  .filter((p) => p !== ""),
          namespace: attributeValue(c, "namespace"),
          encodingStyle: attributeValue(c, "encodingStyle"),
          location: nodeLocation(c),
        };
      } else if (c.local === "header") {
        headers.push({
          message: qnameAttribute(c, "message"),
          part: attributeValue(c, "part")?.trim(),
          use: attributeValue(c, "use")?.trim(),
          namespace: attributeValue(c, "namespace"),
          location: nodeLocation(c),
        });
      }
    } else if (c.ns === NS.mime) {
      unsupported.push({ kind: "unsupported", construct: `mime:${c.local}`, location: nodeLocation(c) });
    }
  }
  return {
    name: attributeValue(node, "name")?.trim(),
    body: body,
    headers,
    unsupported,
    location: nodeLocation(node),
  };
}

function readBinding(node: XmlNode, name: string, diagnostics: Diagnostic[]): RawBinding {
  let protocol: RawBindingProtocol = { kind: "none" };
  for (const c of node.children) {
    if (c.local !== "binding") continue;
    if (c.ns === NS.soap11 || c.ns === NS.soap12) {
      protocol = {
        kind: "soap",
        version: c.ns === NS.soap11 ? "1.1" : "1.2",
        style: attributeValue(c, "style")?.trim(),
        transport: attributeValue(c, "transport")?.trim(),
        location: nodeLocation(c),
      };
    } else if (c.ns === NS.http) {
      protocol = { kind: "http", location: nodeLocation(c) };
    }
  }
  const operations: RawBindingOperation[] = [];
  const policies = readAttachments(node, `binding "${name}"`);
  for (const op of wsdlChildren(node, "operation")) {
    const opName = requiredName(op, diagnostics);
    if (opName === undefined) continue;
    policies.push(...readAttachments(op, `operation "${opName}"`));
    for (const m of op.children) {
      if (m.ns === NS.wsdl && (m.local === "input" || m.local === "output" || m.local === "fault"))
        policies.push(...readAttachments(m, `${m.local} of operation "${opName}"`));
    }
    let soapAction: string | undefined;
    let style: string | undefined;
    let input: RawBindingMessage | undefined;
    let output: RawBindingMessage | undefined;
    const faults: RawBindingOperation["faults"][number][] = [];
    for (const c of op.children) {
      if (SOAP_NS.has(c.ns) && c.local === "operation") {
        soapAction = attributeValue(c, "soapAction");
        style = attributeValue(c, "style")?.trim();
      } else if (c.ns === NS.wsdl) {
        if (c.local === "input") input = readBindingMessage(c);
        else if (c.local === "output") output = readBindingMessage(c);
        else if (c.local === "fault") faults.push({ name: attributeValue(c, "name"), location: nodeLocation(c) });
      }
    }
    operations.push({
      name: opName,
      ...docs(op),
      soapAction: soapAction,
      style: style,
      input: input,
      output: output,
      faults,
      location: nodeLocation(op),
    });
  }
  return {
    name,
    ...docs(node),
    type: qnameAttribute(node, "type"),
    protocol,
    operations,
    policies,
    location: nodeLocation(node),
  };
}

function readService(node: XmlNode, name: string, diagnostics: Diagnostic[]): RawService {
  const ports: RawPort[] = [];
  for (const p of wsdlChildren(node, "port")) {
    const portName = requiredName(p, diagnostics);
    if (portName === undefined) continue;
    let address: string | undefined;
    for (const c of p.children) {
      if (c.local === "address" && (SOAP_NS.has(c.ns) || c.ns === NS.http))
        address = attributeValue(c, "location")?.trim();
    }
    ports.push({
      name: portName,
      ...docs(p),
      binding: qnameAttribute(p, "binding"),
      address: address,
      location: nodeLocation(p),
    });
  }
  return { name, ...docs(node), ports, location: nodeLocation(node) };
}

function readTypes(node: XmlNode, diagnostics: Diagnostic[], out: RawSchema[]): void {
  for (const s of node.children) {
    if (s.ns === NS.xsd && s.local === "schema") out.push(readSchema(s, diagnostics));
    else if (s.local === "schema") schemaNamespaceProblem(s, diagnostics);
  }
}

function schemaNamespaceProblem(s: XmlNode, diagnostics: Diagnostic[]): void {
  const legacy = s.ns === NS.xsd1999 || s.ns === NS.xsd2000;
  diagnostics.push({
    kind: legacy ? "xsd-unsupported" : "wsdl-invalid",
    message: legacy
      ? `schema uses the pre-recommendation XML Schema namespace ${s.ns}; only ${NS.xsd} is supported`
      : `schema element is in namespace "${s.ns}", expected ${NS.xsd}`,
    location: nodeLocation(s),
  });
}

/** Read a `wsdl:definitions` element. */
export function readDefinitions(node: XmlNode, diagnostics: Diagnostic[]): RawDefinitions {
  const imports: RawWsdlImport[] = [];
  const schemas: RawSchema[] = [];
  const messages: RawMessage[] = [];
  const portTypes: RawPortType[] = [];
  const bindings: RawBinding[] = [];
  const services: RawService[] = [];
  const policies: RawDefinitions["policies"][number][] = [];
  for (const c of node.children) {
    if (isPolicyElement(c)) {
      const id = policyId(c);
      if (id !== undefined && id !== "") policies.push({ id, policy: readPolicyNode(c) });
      continue;
    }
    if (c.ns !== NS.wsdl) continue;
    if (c.local === "import") {
      imports.push({
        namespace: attributeValue(c, "namespace")?.trim(),
        location: attributeValue(c, "location")?.trim(),
        at: attributeValue(c, "location") === undefined ? nodeLocation(c) : attributeLocation(c, "location"),
      });
    } else if (c.local === "types") {
      readTypes(c, diagnostics, schemas);
    } else if (c.local === "message" || c.local === "portType" || c.local === "binding" || c.local === "service") {
      const name = requiredName(c, diagnostics);
      if (name === undefined) continue;
      if (c.local === "message") messages.push(readMessage(c, name, diagnostics));
      else if (c.local === "portType") portTypes.push(readPortType(c, name, diagnostics));
      else if (c.local === "binding") bindings.push(readBinding(c, name, diagnostics));
      else services.push(readService(c, name, diagnostics));
    } else if (c.local !== "documentation") {
      diagnostics.push({
        kind: "wsdl-invalid",
        message: `unexpected element wsdl:${c.local} in wsdl:definitions`,
        location: nodeLocation(c),
      });
    }
  }
  return {
    file: node.file,
    name: attributeValue(node, "name")?.trim(),
    targetNamespace: attributeValue(node, "targetNamespace")?.trim() ?? "",
    ...docs(node),
    imports,
    schemas,
    messages,
    portTypes,
    bindings,
    services,
    policies,
    location: nodeLocation(node),
  };
}

// XML 1.0 (5th ed.) NameStartChar / NameChar without ":" (an NCName).
const NC_START =
  "A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}";
const NCNAME = new RegExp(`^[${NC_START}][${NC_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040]*$`, "u");

/**
 * Every `name` attribute of a WSDL or XSD component must be an NCName (names starting with a
 * digit, containing spaces, colons...). Reported at the attribute, once per document.
 */
function checkNames(root: XmlNode, diagnostics: Diagnostic[]): void {
  const stack: XmlNode[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.ns === NS.wsdl || node.ns === NS.xsd) {
      const name = attributeValue(node, "name")?.trim();
      if (name !== undefined && name !== "" && !NCNAME.test(name)) {
        const vocab = node.ns === NS.wsdl ? "wsdl" : "xs";
        diagnostics.push({
          kind: node.ns === NS.wsdl ? "wsdl-invalid" : "xsd-invalid",
          message: `${vocab}:${node.local} name ${JSON.stringify(name)} is not a valid XML name (NCName: it must start with a letter or "_" and contain no spaces or colons)`,
          location: attributeLocation(node, "name"),
          // Only an operation's name can reach the wire (rpc wrapper); others are labels (gSOAP writes `urn:X`).
          ...(node.ns === NS.wsdl && node.local !== "operation"
            ? { recovery: "kept as written (TypeScript names are sanitised)" }
            : {}),
        });
      }
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
}

function wrongRoot(root: XmlNode, expectSchemaToo: boolean): Diagnostic {
  const found = `{${root.ns}}${root.local}`;
  const expected = expectSchemaToo ? "wsdl:definitions or xs:schema" : "wsdl:definitions";
  let message = `root element is ${found}, expected ${expected}`;
  if (root.ns === NS.wsdl20) message = `WSDL 2.0 (${found}) is not supported; only WSDL 1.1 (${NS.wsdl}) is`;
  else if (root.local === "definitions")
    message = `root element wsdl:definitions is in namespace "${root.ns}", expected ${NS.wsdl}`;
  else if (root.local === "schema" && expectSchemaToo)
    message = `root element xs:schema is in namespace "${root.ns}", expected ${NS.xsd}`;
  return { kind: "wsdl-root", message, location: nodeLocation(root) };
}

/**
 * Read one loaded document. The root document must be `wsdl:definitions`; imported ones may
 * also be `xs:schema`. Returns undefined (with a `wsdl-root` diagnostic) for anything else.
 */
export function readDocument(root: XmlNode, isRoot: boolean, diagnostics: Diagnostic[]): RawDocument | undefined {
  if (root.ns === NS.wsdl && root.local === "definitions") {
    checkNames(root, diagnostics);
    return { kind: "wsdl", file: root.file, definitions: readDefinitions(root, diagnostics) };
  }
  if (!isRoot && root.ns === NS.xsd && root.local === "schema") {
    checkNames(root, diagnostics);
    return { kind: "xsd", file: root.file, schema: readSchema(root, diagnostics) };
  }
  diagnostics.push(wrongRoot(root, !isRoot));
  return undefined;
}
