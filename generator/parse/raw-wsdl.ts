/** Raw WSDL 1.1 model: a faithful, unresolved image of `wsdl:definitions`. */
import type { SourceLocation } from "../model/types.js";
import type { QNameRef } from "./qname.js";
import type { RawSchema, RawUnsupported } from "./raw-xsd.js";

export interface RawPart {
  readonly name: string;
  readonly element?: QNameRef | undefined;
  readonly type?: QNameRef | undefined;
  readonly location: SourceLocation;
}

export interface RawMessage {
  readonly name: string;
  readonly documentation?: string | undefined;
  readonly parts: readonly RawPart[];
  readonly location: SourceLocation;
}

/** `wsdl:input` / `wsdl:output` / `wsdl:fault` of a portType operation. */
export interface RawOperationMessage {
  readonly name?: string | undefined;
  readonly message?: QNameRef | undefined;
  readonly location: SourceLocation;
}

export interface RawPortTypeOperation {
  readonly name: string;
  readonly documentation?: string | undefined;
  readonly input?: RawOperationMessage | undefined;
  readonly output?: RawOperationMessage | undefined;
  readonly faults: readonly RawOperationMessage[];
  /** True when `wsdl:output` precedes `wsdl:input` (solicit-response / notification). */
  readonly outputFirst: boolean;
  readonly location: SourceLocation;
}

export interface RawPortType {
  readonly name: string;
  readonly documentation?: string | undefined;
  readonly operations: readonly RawPortTypeOperation[];
  readonly location: SourceLocation;
}

export interface RawSoapBody {
  readonly use?: string | undefined;
  /** `parts` attribute split on whitespace; undefined = all parts of the message. */
  readonly parts?: readonly string[] | undefined;
  readonly namespace?: string | undefined;
  readonly encodingStyle?: string | undefined;
  readonly location: SourceLocation;
}

export interface RawSoapHeader {
  readonly message?: QNameRef | undefined;
  readonly part?: string | undefined;
  readonly use?: string | undefined;
  readonly namespace?: string | undefined;
  readonly location: SourceLocation;
}

/** `wsdl:input` / `wsdl:output` inside a binding operation. */
export interface RawBindingMessage {
  readonly name?: string | undefined;
  readonly body?: RawSoapBody | undefined;
  readonly headers: readonly RawSoapHeader[];
  /** Extensions we cannot generate for (e.g. `mime:multipartRelated`). */
  readonly unsupported: readonly RawUnsupported[];
  readonly location: SourceLocation;
}

export interface RawBindingOperation {
  readonly name: string;
  readonly documentation?: string | undefined;
  readonly soapAction?: string | undefined;
  readonly style?: string | undefined;
  readonly input?: RawBindingMessage | undefined;
  readonly output?: RawBindingMessage | undefined;
  readonly faults: readonly { readonly name?: string | undefined; readonly location: SourceLocation }[];
  readonly location: SourceLocation;
}

export type RawBindingProtocol =
  | {
      readonly kind: "soap";
      readonly version: "1.1" | "1.2";
      readonly style?: string | undefined;
      readonly transport?: string | undefined;
      readonly location: SourceLocation;
    }
  | { readonly kind: "http"; readonly location: SourceLocation }
  | { readonly kind: "none" };

/** One element of a WS-Policy tree (an operator or an assertion with its nested elements). */
export interface RawPolicyNode {
  readonly ns: string;
  readonly local: string;
  /** `wsp:Optional="true"` on an assertion. */
  readonly optional: boolean;
  /** Unqualified attributes by name (e.g. `RequireClientCertificate` of a WS-SecurityPolicy 1.1 `sp:HttpsToken`). */
  readonly attributes: Readonly<Record<string, string>>;
  /** `URI` of a `wsp:PolicyReference`. */
  readonly uri?: string | undefined;
  readonly location: SourceLocation;
  readonly children: readonly RawPolicyNode[];
}

/** A policy attached to a binding, a binding operation or one of its messages (`scope` says which). */
export type RawPolicyAttachment = { readonly scope: string; readonly location: SourceLocation } & (
  | { readonly kind: "inline"; readonly policy: RawPolicyNode }
  | { readonly kind: "reference"; readonly uri: string }
  | { readonly kind: "using-addressing"; readonly required: boolean }
);

export interface RawBinding {
  readonly name: string;
  readonly documentation?: string | undefined;
  readonly type?: QNameRef | undefined;
  readonly protocol: RawBindingProtocol;
  readonly operations: readonly RawBindingOperation[];
  /** Policies attached to the binding, its operations and their messages, in document order. */
  readonly policies: readonly RawPolicyAttachment[];
  readonly location: SourceLocation;
}

export interface RawPort {
  readonly name: string;
  readonly documentation?: string | undefined;
  readonly binding?: QNameRef | undefined;
  /** `soap:address` / `soap12:address` / `http:address` location. */
  readonly address?: string | undefined;
  readonly location: SourceLocation;
}

export interface RawService {
  readonly name: string;
  readonly documentation?: string | undefined;
  readonly ports: readonly RawPort[];
  readonly location: SourceLocation;
}

export interface RawWsdlImport {
  readonly namespace?: string | undefined;
  readonly location?: string | undefined;
  readonly at: SourceLocation;
}

export interface RawDefinitions {
  readonly file: string;
  readonly name?: string | undefined;
  readonly targetNamespace: string;
  readonly documentation?: string | undefined;
  readonly imports: readonly RawWsdlImport[];
  readonly schemas: readonly RawSchema[];
  readonly messages: readonly RawMessage[];
  readonly portTypes: readonly RawPortType[];
  readonly bindings: readonly RawBinding[];
  readonly services: readonly RawService[];
  /** `wsp:Policy` elements at definitions level that carry an id (referenced as `#id`). */
  readonly policies: readonly { readonly id: string; readonly policy: RawPolicyNode }[];
  readonly location: SourceLocation;
}

/** A loaded document in raw form: a WSDL or a standalone schema. */
export type RawDocument =
  | { readonly kind: "wsdl"; readonly file: string; readonly definitions: RawDefinitions }
  | { readonly kind: "xsd"; readonly file: string; readonly schema: RawSchema };
