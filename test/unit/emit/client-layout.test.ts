/**
 * The client template's lines whose layout depends on the length of a port's names
 * (emit/client-layout.ts) against prettier itself: a class and factory built from those lines
 * for names from short to very long (each name's length varied on its own), with and without
 * the SuperOffice profile object, must be exactly what prettier prints.
 */
import { describe, expect, it } from "vitest";
import {
  coreConstruction,
  coreField,
  oneParameterHead,
  signatureEnd,
  typeAlias,
  unionParameter,
  type Ref,
} from "../../../generator/emit/client-layout.js";
import { formatTypeScript } from "../../../generator/format/prettier.js";

const name = (base: string, len: number): string => base + "x".repeat(Math.max(0, len - base.length));

function client(lengths: { client: number; req: number; res: number; ops: number }, superOffice: boolean): string {
  const [C, RQ, RS, Ops, M] = [
    name("Client", lengths.client),
    name("Req", lengths.req),
    name("Res", lengths.res),
    name("Ops", lengths.ops),
    name("Meta", lengths.client),
  ];
  const result = (output: string): Ref => ({
    name: "Promise",
    args: [{ name: "$rt.InvokeResult", args: [output, RS] }],
  });
  const core = { name: "$rt.ClientCore", args: [RQ, RS] };
  const last = superOffice ? ["profile: $rt.superOfficeProfile", "...options"] : "options";
  return [
    typeAlias(`${C}Options`, { name: "$rt.ClientOptions", args: [RQ] }),
    "",
    `export class ${C} {`,
    coreField(core),
    "",
    oneParameterHead(2, "constructor", `options: ${C}Options = {}`, " {"),
    coreConstruction(core, M, last),
    "  }",
    "",
    `  call<K extends keyof ${Ops}>(`,
    "    operation: K,",
    `    params: ${Ops}[K]["input"],`,
    `    options: $rt.LenientCallOptions<${RQ}>,`,
    signatureEnd(result(`$rt.Lenient<${Ops}[K]["output"]>`), ";"),
    `  call<K extends keyof ${Ops}>(`,
    "    operation: K,",
    `    params: ${Ops}[K]["input"],`,
    unionParameter("options?:", [`${C}CallOptions`, `$rt.LenientCallOptions<${RQ}>`]),
    signatureEnd(result("unknown"), " {"),
    "    return this.#core.invoke(operation, params, options);",
    "  }",
    "}",
    "",
    oneParameterHead(0, `export function create${C}`, `options: ${C}Options = {}`, `: ${C} {`),
    `  return new ${C}(options);`,
    "}",
    "",
  ].join("\n");
}

describe("client lines laid out like prettier", () => {
  it.each([false, true])("every name length from 4 to 64 (SuperOffice profile: %s)", async (superOffice) => {
    let broken = 0;
    for (let len = 4; len <= 64; len += 3) {
      for (const lengths of [
        { client: len, req: len, res: len, ops: len },
        { client: 10, req: len, res: 12, ops: len },
        { client: len, req: 8, res: len, ops: 10 },
      ]) {
        const text = client(lengths, superOffice);
        expect(await formatTypeScript(text), JSON.stringify(lengths)).toBe(text);
        if (text.split("\n").length > 30) broken++;
      }
    }
    expect(broken, "layouts with broken lines were covered").toBeGreaterThan(20);
  });
});
