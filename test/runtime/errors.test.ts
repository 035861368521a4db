import { describe, expect, it } from "vitest";
import {
  ProtocolError,
  SerializationError,
  SoapkitError,
  SuperOfficeError,
  TransportError,
  XmlParseError,
} from "../../runtime/index.js";

describe("error classes", () => {
  it("carry stable codes, names and paths", () => {
    const s = new SerializationError("A.B[1]", "bad value", { operation: "Op" });
    expect(s).toBeInstanceOf(SoapkitError);
    expect(s.name).toBe("SerializationError");
    expect(s.code).toBe("ERR_SOAP_SERIALIZATION");
    expect(s.message).toBe("Op: A.B[1]: bad value");
    expect(s.reason).toBe("bad value");
    expect(new SerializationError("", "whole value").message).toBe("whole value");

    const x = new XmlParseError("oops", 3, 7);
    expect(x.message).toBe("oops (line 3, column 7)");
    expect([x.line, x.column, x.code]).toEqual([3, 7, "ERR_XML_PARSE"]);

    const t = new TransportError("http", "m", {
      operation: "Op",
      url: "http://h/",
      status: 502,
      contentType: "text/html",
    });
    expect([t.kind, t.status, t.contentType, t.operation, t.url, t.code]).toEqual([
      "http",
      502,
      "text/html",
      "Op",
      "http://h/",
      "ERR_SOAP_TRANSPORT",
    ]);
    expect(t.bodySnippet).toBeUndefined();

    const p = new ProtocolError("bad");
    expect([p.operation, p.url, p.status, p.code]).toEqual(["", "", undefined, "ERR_SOAP_PROTOCOL"]);
  });

  it("SuperOfficeError tolerates duplicate, null and __proto__ parameter keys and empty messages", () => {
    const e = new SuperOfficeError(
      {
        ExceptionType: "SoException",
        Parameters: [
          { Key: "a", Value: "1" },
          { Key: "a", Value: "2" },
          { Key: null, Value: "x" },
          { Key: "__proto__", Value: null },
        ],
      },
      "GetEMail",
    );
    expect(e.message).toBe("GetEMail failed (SoException)");
    expect(e.parameters.a).toBe("2");
    expect(Object.keys(e.parameters)).toEqual(["a", "__proto__"]);
    expect(Object.getPrototypeOf(e.parameters)).toBe(Object.prototype);
    expect(Object.isFrozen(e.parameters)).toBe(true);
    expect(new SuperOfficeError({ FriendlyText: "friendly" }, "Op").message).toBe("friendly");
  });

  it("SuperOfficeError bounds the InnerException chain", () => {
    type Info = { Message: string; InnerException?: Info };
    let info: Info = { Message: "0" };
    for (let i = 1; i < 100; i++) info = { Message: String(i), InnerException: info };
    let e: SuperOfficeError | undefined = new SuperOfficeError(info, "Op");
    let n = 0;
    while (e !== undefined) {
      n++;
      e = e.inner;
    }
    expect(n).toBe(33);
  });
});
