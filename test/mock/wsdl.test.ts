/**
 * `startMock` from WSDL files (the generator's pipeline, loaded lazily): every SOAP port served
 * (1.1 and 1.2), document/literal, bare, overloads, one-way and rpc/encoded operations answered
 * with their sample, `?wsdl` with the mock's address, typed fault details of declared faults.
 */
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sampleInput, sampleOutput, sampleValue, soapFault, startMock, type MockServer } from "soapkit/mock";
import { SoapFaultError, type ServiceMetadata } from "@soapkit/runtime";
import { portsOf } from "../corpus/metadata.js";
import { repoRoot } from "../helpers/shared.js";
import { soapCore } from "../helpers/soap-core.js";

const CALCULATOR = join(repoRoot, "test/fixtures/wsdl/calculator/Calculator.wsdl");
const STYLES = join(repoRoot, "test/fixtures/wsdl-styles/Styles.wsdl");
const JIRA = join(repoRoot, "test/fixtures/wsdl-styles/Jira.wsdl");

const open: MockServer[] = [];
afterAll(async () => {
  for (const m of open) await m.close();
});
async function mock(...args: Parameters<typeof startMock>): Promise<MockServer> {
  const m = await startMock(...args);
  open.push(m);
  return m;
}

/** Each operation called with its sample input answers the unwrapped sample output. */
async function callEveryOperation(m: MockServer, meta: ServiceMetadata): Promise<string[]> {
  const core = soapCore(meta, { endpoint: m.endpoint(meta.port) });
  const called: string[] = [];
  for (const [key, op] of Object.entries(meta.operations)) {
    const { result } = await core.invoke(key, sampleInput(meta, key));
    const wrapper = sampleOutput(meta, key);
    const expected =
      op.output === null || wrapper === undefined
        ? undefined
        : op.output.unwrap !== null
          ? wrapper[op.output.unwrap]
          : wrapper;
    expect(result, `${meta.port}.${key}`).toEqual(expected);
    called.push(key);
  }
  return called;
}

describe("startMock from WSDL", () => {
  it("serves both SOAP versions of Calculator, each on its own path, and ?wsdl with the mock's address", async () => {
    const m = await mock(CALCULATOR);
    const [soap11, soap12] = await portsOf(CALCULATOR);
    expect(m.endpoint("CalculatorSoap")).toBe(`${m.url}/calculator.asmx`);
    expect(m.endpoint("CalculatorSoap12")).toBe(`${m.url}/Calculator/CalculatorSoap12`);
    // The handler answers the unwrapped result (AddResponse's only child), like the client returns it.
    m.handle("Add", (input) => (input as { intA: number }).intA + (input as { intB: number }).intB);
    for (const meta of [soap11!, soap12!]) {
      const core = soapCore(meta, { endpoint: m.endpoint(meta.port) });
      expect((await core.invoke("Add", { intA: 2, intB: 40 })).result).toBe(42);
    }
    expect(m.calls.map((c) => `${c.port} ${c.operation} ${c.outcome}`)).toEqual([
      "CalculatorSoap Add ok",
      "CalculatorSoap12 Add ok",
    ]);
    expect(m.calls[1]!.rawResponse).toContain("http://www.w3.org/2003/05/soap-envelope");

    // SOAP 1.2 faults: Client → Sender, in a SOAP 1.2 envelope with status 400 as given.
    m.handle("Divide", () => {
      throw soapFault("division by zero", { code: "Client", statusCode: 400 });
    });
    const err = await soapCore(soap12!, { endpoint: m.endpoint("CalculatorSoap12") })
      .invoke("Divide", { intA: 1, intB: 0 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SoapFaultError);
    expect((err as SoapFaultError).soapVersion).toBe("1.2");
    expect((err as SoapFaultError).faultCode.local).toBe("Sender");
    expect((err as SoapFaultError).faultString).toBe("division by zero");
    expect(m.calls.at(-1)).toMatchObject({ operation: "Divide", outcome: "fault", statusCode: 400 });

    const wsdl = await fetch(`${m.endpoint("CalculatorSoap")}?wsdl`);
    expect(wsdl.status).toBe(200);
    const text = await wsdl.text();
    expect(text).toContain(`<soap:address location="${m.url}/calculator.asmx" />`);
    expect(text).toContain(`<soap12:address location="${m.url}/Calculator/CalculatorSoap12" />`);
    expect(text).not.toContain("calculator.example.test");
  });

  it("answers every operation of the document styles (bare, overloads, one-way) with its sample", async () => {
    const m = await mock(STYLES);
    const ports = await portsOf(STYLES);
    expect(ports.map((p) => p.port)).toEqual(["StylesSoap", "StylesSoap12"]);
    for (const meta of ports)
      expect((await callEveryOperation(m, meta)).length).toBe(Object.keys(meta.operations).length);
    expect(m.calls.every((c) => c.outcome === "ok")).toBe(true);
    const notify = m.calls.find((c) => c.operation === "Notify")!;
    expect(notify.statusCode).toBe(202);
  });

  it("answers rpc/encoded operations and typed fault details of declared faults", async () => {
    const m = await mock([JIRA], { seed: 1 });
    const [meta] = await portsOf(JIRA);
    await callEveryOperation(m, meta!);
    const [key, op] = Object.entries(meta!.operations).find(([, o]) => (o.faults ?? []).length > 0)!;
    const fault = op.faults![0]!;
    const value = sampleValue(meta!, fault.type);
    m.handle(key, () => {
      throw soapFault("denied", { detail: { fault: fault.name, value } });
    });
    const err = await soapCore(meta!, { endpoint: m.endpoint() })
      .invoke(key, sampleInput(meta!, key))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SoapFaultError);
    expect((err as SoapFaultError).faultString).toBe("denied");
    expect((err as SoapFaultError).declared).toEqual({ fault: fault.name, value });
  });
});
