/** Namespace URIs of the WSDL 1.1 / XSD vocabularies the readers understand. */
export const NS = {
  wsdl: "http://schemas.xmlsoap.org/wsdl/",
  wsdl20: "http://www.w3.org/ns/wsdl",
  soap11: "http://schemas.xmlsoap.org/wsdl/soap/",
  soap12: "http://schemas.xmlsoap.org/wsdl/soap12/",
  http: "http://schemas.xmlsoap.org/wsdl/http/",
  mime: "http://schemas.xmlsoap.org/wsdl/mime/",
  xsd: "http://www.w3.org/2001/XMLSchema",
  /** Pre-recommendation XSD namespaces: recognised only to report them clearly. */
  xsd1999: "http://www.w3.org/1999/XMLSchema",
  xsd2000: "http://www.w3.org/2000/10/XMLSchema",
  /** WCF DataContract serialization annotations (IsDictionary, ActualType, EnumerationValue). */
  wcfSerialization: "http://schemas.microsoft.com/2003/10/Serialization/",
} as const;
