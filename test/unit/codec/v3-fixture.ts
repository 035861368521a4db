/** A hand-written compact v3 literal with every content-model shape (choice, repeated groups, any, anyType, mixed, encoded array). */
import type { CompactMetadata } from "../../../runtime/metadata/format.js";

export const TNS = "urn:v3";
export const EXT = "urn:example:ext";

export const v3Compact: CompactMetadata = {
  v: 3,
  service: "V3Service",
  port: "V3Port",
  portType: "V3",
  address: "http://127.0.0.1/v3",
  ns: [TNS],
  actionBase: "urn:v3/",
  ops: {
    Pay: { in: ["Payment", "Payment"], out: ["Payment", "PaymentResult"] },
  },
  types: {
    // sequence(Id, choice(Card | (Iban, Bic?)), Note?)
    Payment: {
      f: [
        ["Id", "xs:int"],
        [
          "|",
          [
            [["Card", "xs:string"]],
            [
              ["Iban", "xs:string"],
              ["Bic", "xs:string", "?"],
            ],
          ],
        ],
        ["Note", "xs:string", "?"],
      ],
    },
    // optional choice with a nested choice
    Contact: {
      f: [["|", [[["Email", "xs:string"]], [["|", [[["Mobile", "xs:string"]], [["Landline", "xs:string"]]]]]], "?"]],
    },
    // repeated choice of elements
    Steps: {
      f: [
        ["Title", "xs:string"],
        [
          "|",
          [
            [["Add", "xs:int"]],
            [
              ["Mul", "xs:int"],
              ["By", "xs:int", "?"],
            ],
          ],
          "+",
          "$choice",
        ],
      ],
    },
    // repeated sequence
    Pairs: {
      f: [
        [
          "(",
          [
            ["Key", "xs:string"],
            ["Value", "xs:string", "*"],
          ],
          "{1,3}",
          "$sequence",
        ],
      ],
    },
    // wildcards
    Open: {
      f: [
        ["Name", "xs:string"],
        ["*", "$any", "*", "##other", "lax"],
      ],
    },
    OneAny: { f: [["*", "$any", "", "urn:example:ext"]] },
    Holder: { f: [["Value", "xs:anyType", "?n"]] },
    Text: { mixed: 1, f: [["B", "xs:string", "*"]] },
    Ints: { enc: 1, item: ["item", "xs:int", "*", -1] },
    IntsHolder: { f: [["Items", "Ints"]] },
    Point: {
      f: [
        ["X", "xs:int"],
        ["Y", "xs:int"],
      ],
    },
  },
};
