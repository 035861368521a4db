import { describe, expect, it } from "vitest";
import { createXmlRedactor, redactHttpHeaders, redactXml, safeUrl } from "../../runtime/index.js";
import { bodySnippet } from "../../runtime/redact.js";

describe("redactXml", () => {
  it("replaces the content of secret elements with any prefix", () => {
    const xml =
      '<a><tns:Ticket>7T:secret</tns:Ticket><Password attr="x">p@ss</Password><ApplicationToken xsi:nil="true"/>' +
      "<TicketId>keep</TicketId><x:Token><![CDATA[tok]]></x:Token><Other>keep</Other></a>";
    expect(redactXml(xml)).toBe(
      '<a><tns:Ticket>***</tns:Ticket><Password attr="x">***</Password><ApplicationToken xsi:nil="true"/>' +
        "<TicketId>keep</TicketId><x:Token>***</x:Token><Other>keep</Other></a>",
    );
  });

  it("does not swallow content after a self-closing secret element", () => {
    const xml = '<Ticket xsi:nil="true"/><Name>visible</Name><Ticket>s</Ticket>';
    expect(redactXml(xml)).toBe('<Ticket xsi:nil="true"/><Name>visible</Name><Ticket>***</Ticket>');
  });

  it("uses the configured names only", () => {
    const r = createXmlRedactor(["Secret.Key"]);
    expect(r("<Secret.Key>a</Secret.Key><Ticket>b</Ticket><SecretXKey>c</SecretXKey>")).toBe(
      "<Secret.Key>***</Secret.Key><Ticket>b</Ticket><SecretXKey>c</SecretXKey>",
    );
    expect(createXmlRedactor([])("<Ticket>b</Ticket>")).toBe("<Ticket>b</Ticket>");
  });

  it("redacts a secret element cut off by truncation", () => {
    const r = createXmlRedactor(["Ticket"]);
    expect(r("<a><Ticket>secr", true)).toBe("<a><Ticket>***");
    expect(r("<a><Ticket>s</Ticket><b>x", true)).toBe("<a><Ticket>***</Ticket><b>x");
  });

  it("keeps secrets out of body snippets even when cut at the limit", () => {
    const r = createXmlRedactor(["Ticket"]);
    const body = `<html>${"x".repeat(190)}<Ticket>super-secret-ticket-value</Ticket></html>`;
    const snippet = bodySnippet(body, r);
    expect(snippet).not.toContain("super");
    expect(snippet.length).toBeLessThanOrEqual(201);
    const huge = `<a>${"y".repeat(5000)}<Ticket>zzz-secret</Ticket></a>`;
    expect(bodySnippet(huge, r)).not.toContain("zzz");
    expect(bodySnippet("short", r)).toBe("short");
  });
});

describe("redactHttpHeaders", () => {
  it("redacts credential headers case-insensitively and keeps others", () => {
    expect(
      redactHttpHeaders({
        Authorization: "Basic dXNlcjpwYXNz",
        "so-apptoken": "app",
        Cookie: "a=b",
        "set-cookie": ["x=1", "y=2"],
        "Content-Type": "text/xml",
        SOAPAction: '"urn:x"',
        "Content-Length": 12,
      }),
    ).toEqual({
      Authorization: "***",
      "so-apptoken": "***",
      Cookie: "***",
      "set-cookie": "***",
      "Content-Type": "text/xml",
      SOAPAction: '"urn:x"',
      "Content-Length": "12",
    });
  });
});

describe("safeUrl", () => {
  it("removes credentials, query and fragment", () => {
    expect(safeUrl("https://user:pa55@host.example/Remote/Services84/EMail.svc?token=abc#x")).toBe(
      "https://host.example/Remote/Services84/EMail.svc?…",
    );
    expect(safeUrl("http://127.0.0.1:8080/x")).toBe("http://127.0.0.1:8080/x");
    expect(safeUrl("not a url")).toBe("(invalid URL)");
  });
});
