/**
 * A small WSDL in which every string that can reach generated code is a named slot, so tests
 * can put a hostile value into one slot at a time (test/reliability/injection-ast.test.ts,
 * test/fuzz/). Values are XML-escaped (every non-ASCII or control character as a character
 * reference), so the parser hands the generator the exact string.
 */
export const SLOTS = [
  "address",
  "service",
  "port",
  "binding",
  "portType",
  "operation",
  "soapAction",
  "operationDoc",
  "portDoc",
  "typeDoc",
  "fieldDoc",
  "enumValue",
  "enumDoc",
  "namespace",
  "fieldName",
  "typeName",
  "enumTypeName",
  "pattern",
  "defaultValue",
  "fixedValue",
  "headerPart",
  "message",
] as const;

export type Slot = (typeof SLOTS)[number];

export const BENIGN: Readonly<Record<Slot, string>> = {
  address: "http://localhost/echo",
  service: "EchoService",
  port: "EchoPort",
  binding: "EchoBinding",
  portType: "EchoPortType",
  operation: "Echo",
  soapAction: "urn:test/Echo",
  operationDoc: "Echoes the text.",
  portDoc: "The echo agent.",
  typeDoc: "A colour.",
  fieldDoc: "The text to echo.",
  enumValue: "Red",
  enumDoc: "The red one.",
  namespace: "urn:test",
  fieldName: "text",
  typeName: "Shade",
  enumTypeName: "Colour",
  pattern: "[a-z]+",
  defaultValue: "none",
  fixedValue: "fixed",
  headerPart: "Token",
  message: "EchoRequest",
};

/** XML attribute/text escaping that preserves every character exactly (no normalisation). */
export function xmlText(s: string): string {
  return [...s]
    .map((ch) => {
      const cp = ch.codePointAt(0)!;
      if (ch === "&") return "&amp;";
      if (ch === "<") return "&lt;";
      if (ch === ">") return "&gt;";
      if (ch === '"') return "&quot;";
      if (ch === "'") return "&apos;";
      return cp < 0x20 || cp > 0x7e ? `&#x${cp.toString(16)};` : ch;
    })
    .join("");
}

/** The WSDL with `values` (default: BENIGN) in the slots. */
export function hostileWsdl(values: Partial<Record<Slot, string>> = {}): string {
  const v = Object.fromEntries(SLOTS.map((s) => [s, xmlText(values[s] ?? BENIGN[s])])) as Record<Slot, string>;
  return `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions name="EchoService" targetNamespace="${v.namespace}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="${v.namespace}" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <wsdl:types>
    <xs:schema elementFormDefault="qualified" targetNamespace="${v.namespace}">
      <xs:simpleType name="${v.enumTypeName}">
        <xs:annotation><xs:documentation>${v.typeDoc}</xs:documentation></xs:annotation>
        <xs:restriction base="xs:string">
          <xs:enumeration value="${v.enumValue}"><xs:annotation><xs:documentation>${v.enumDoc}</xs:documentation></xs:annotation></xs:enumeration>
          <xs:enumeration value="Blue"/>
        </xs:restriction>
      </xs:simpleType>
      <xs:simpleType name="Code">
        <xs:restriction base="xs:string"><xs:pattern value="${v.pattern}"/></xs:restriction>
      </xs:simpleType>
      <xs:complexType name="${v.typeName}">
        <xs:sequence>
          <xs:element name="colour" type="tns:${v.enumTypeName}" default="${v.defaultValue}"/>
          <xs:element name="code" type="tns:Code" fixed="${v.fixedValue}"/>
        </xs:sequence>
      </xs:complexType>
      <xs:element name="Echo">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="${v.fieldName}" type="xs:string"><xs:annotation><xs:documentation>${v.fieldDoc}</xs:documentation></xs:annotation></xs:element>
            <xs:element name="shade" type="tns:${v.typeName}" minOccurs="0"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="EchoResponse">
        <xs:complexType><xs:sequence><xs:element minOccurs="0" name="result" type="xs:string"/></xs:sequence></xs:complexType>
      </xs:element>
      <xs:element name="Token" type="xs:string"/>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="${v.message}"><wsdl:part name="parameters" element="tns:Echo"/></wsdl:message>
  <wsdl:message name="EchoResponse"><wsdl:part name="parameters" element="tns:EchoResponse"/></wsdl:message>
  <wsdl:message name="TokenHeader"><wsdl:part name="${v.headerPart}" element="tns:Token"/></wsdl:message>
  <wsdl:portType name="${v.portType}">
    <wsdl:operation name="${v.operation}">
      <wsdl:documentation>${v.operationDoc}</wsdl:documentation>
      <wsdl:input message="tns:${v.message}"/>
      <wsdl:output message="tns:EchoResponse"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="${v.binding}" type="tns:${v.portType}">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="${v.operation}">
      <soap:operation soapAction="${v.soapAction}" style="document"/>
      <wsdl:input><soap:header message="tns:TokenHeader" part="${v.headerPart}" use="literal"/><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="${v.service}">
    <wsdl:documentation>${v.portDoc}</wsdl:documentation>
    <wsdl:port name="${v.port}" binding="tns:${v.binding}">
      <soap:address location="${v.address}"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;
}
