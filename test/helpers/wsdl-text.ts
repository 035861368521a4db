/**
 * Builders for small WSDL/XSD test inputs, plus `locate` to compute the expected
 * `line:col` of a snippet in a generated text.
 */
export const TNS = "urn:test";
export const XSD = "http://www.w3.org/2001/XMLSchema";

const DEFAULT_SCHEMA = `
      <xs:element name="Echo">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="text" type="xs:string"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="EchoResponse">
        <xs:complexType>
          <xs:sequence>
            <xs:element minOccurs="0" name="result" type="xs:string"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>`;

export interface EchoWsdlParts {
  /** Content of the `urn:test` schema (default: Echo/EchoResponse wrappers). */
  readonly schema?: string;
  /** Extra attributes of that xs:schema element. */
  readonly schemaAttrs?: string;
  /** Additional complete `<xs:schema>` elements inside wsdl:types. */
  readonly schemas?: string;
  /** Extra wsdl elements right after wsdl:types (messages, imports...). */
  readonly messages?: string;
  /** Replaces the Echo messages. */
  readonly echoMessages?: string;
  /** Replaces the portType. */
  readonly portType?: string;
  /** Replaces the binding. */
  readonly binding?: string;
  /** soap:header lines inside the binding's wsdl:input / wsdl:output. */
  readonly inputHeaders?: string;
  readonly outputHeaders?: string;
  /** Replaces the service. */
  readonly service?: string;
  /** Extra attributes on wsdl:definitions. */
  readonly defsAttrs?: string;
  /** Replaces the wsdl:import/types prefix (e.g. to put a wsdl:import first). */
  readonly beforeTypes?: string;
}

/** A one-operation (Echo) document/literal wrapped SOAP 1.1 WSDL with replaceable sections. */
export function echoWsdl(p: EchoWsdlParts = {}): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions name="EchoService" targetNamespace="${TNS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:tns="${TNS}" xmlns:xsd="${XSD}"${p.defsAttrs ?? ""}>${p.beforeTypes ?? ""}
  <wsdl:types>
    <xs:schema elementFormDefault="qualified" targetNamespace="${TNS}" xmlns:xs="${XSD}"${p.schemaAttrs ?? ""}>${p.schema ?? DEFAULT_SCHEMA}
    </xs:schema>${p.schemas ?? ""}
  </wsdl:types>${p.messages ?? ""}${
    p.echoMessages ??
    `
  <wsdl:message name="EchoRequest">
    <wsdl:part name="parameters" element="tns:Echo"/>
  </wsdl:message>
  <wsdl:message name="EchoResponse">
    <wsdl:part name="parameters" element="tns:EchoResponse"/>
  </wsdl:message>`
  }${
    p.portType ??
    `
  <wsdl:portType name="EchoPortType">
    <wsdl:operation name="Echo">
      <wsdl:input message="tns:EchoRequest"/>
      <wsdl:output message="tns:EchoResponse"/>
    </wsdl:operation>
  </wsdl:portType>`
  }${
    p.binding ??
    `
  <wsdl:binding name="EchoBinding" type="tns:EchoPortType">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Echo">
      <soap:operation soapAction="urn:test/Echo" style="document"/>
      <wsdl:input>${p.inputHeaders ?? ""}
        <soap:body use="literal"/>
      </wsdl:input>
      <wsdl:output>${p.outputHeaders ?? ""}
        <soap:body use="literal"/>
      </wsdl:output>
    </wsdl:operation>
  </wsdl:binding>`
  }${
    p.service ??
    `
  <wsdl:service name="EchoService">
    <wsdl:port name="EchoPort" binding="tns:EchoBinding">
      <soap:address location="http://localhost/echo"/>
    </wsdl:port>
  </wsdl:service>`
  }
</wsdl:definitions>
`;
}

/** An Echo schema whose request wrapper has the given sequence content (and extra global declarations). */
export function echoSchema(requestSequence: string, extra = ""): string {
  return `
      <xs:element name="Echo">
        <xs:complexType>
          <xs:sequence>${requestSequence}
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="EchoResponse">
        <xs:complexType>
          <xs:sequence/>
        </xs:complexType>
      </xs:element>${extra}`;
}

/** 1-based `line:col` of the `occurrence`-th (1-based) match of `needle` in `text`. */
export function locate(text: string, needle: string, occurrence = 1): string {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`locate: "${needle}" (#${occurrence}) not found`);
  }
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  const column = at - before.lastIndexOf("\n");
  return `${line}:${column}`;
}
