// Type-level tests of a field typed with an abstract base (issue 12): the field takes an object
// literal of any concrete subtype, told apart by `$type`, and still rejects unknown properties.
// Compiled by test/types/compile.test.ts from the fixture test/fixtures/wsdl/abstract-base/Zoo.wsdl,
// which that test generates into test/.out/compile/zoo first.
import type { AnyAnimal, AnyToy, Dog, KeepRequest, Puppy, ZooPortAgent } from "../../.out/compile/zoo/zoo/index.js";

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const ok = <T extends true>(_: T): void => undefined;

// a subtype literal where the abstract base is declared (TS2353 before)
export const puppy: KeepRequest = { Pet: { $type: "Puppy", Name: "Rex", Breed: "Lab", WeeksOld: 9 } };
export const many: KeepRequest = {
  Pet: { $type: "Cat", Name: "Tom", Indoor: true },
  Others: [
    { $type: "Dog", Name: "Fido" },
    { $type: "Puppy", Name: "Bit", WeeksOld: 3 },
  ],
};
// a concrete base still takes a value without `$type`, and its subtypes
export const toys: KeepRequest[] = [
  { Pet: { $type: "Dog", Name: "a" }, Toy: { Label: "plain" } },
  { Pet: { $type: "Dog", Name: "a" }, Toy: { $type: "Ball", Label: "round", Size: 3 } },
  { Pet: { $type: "Dog", Name: "a" }, Toy: null },
];

// @ts-expect-error an unknown property is still rejected
export const unknownProperty: KeepRequest = { Pet: { $type: "Puppy", Name: "Rex", WeeksOld: 1, Wings: 2 } };
// @ts-expect-error a property of another subtype than the one `$type` names
export const wrongMember: KeepRequest = { Pet: { $type: "Cat", Name: "Tom", WeeksOld: 1 } };
// @ts-expect-error the abstract base cannot be sent as itself: `$type` must name a concrete subtype
export const abstractItself: KeepRequest = { Pet: { Name: "nobody" } };
// @ts-expect-error a required field of the named subtype is missing
export const missingRequired: KeepRequest = { Pet: { $type: "Puppy", Name: "Rex" } };
// @ts-expect-error a `$type` outside the hierarchy
export const outside: KeepRequest = { Pet: { $type: "Toy", Name: "x" } };

// the members are the concrete types, narrowed to their own `$type`
ok<Equals<Extract<AnyAnimal, { $type: "Puppy" }>, Puppy & { $type: "Puppy" }>>(true);
ok<Equals<Extract<AnyAnimal, { $type: "Dog" }>, Dog & { $type: "Dog" }>>(true);
ok<Equals<AnyToy extends { Label?: string } ? true : false, true>>(true);
// results are the same union
declare const agent: ZooPortAgent;
export async function keep(): Promise<void> {
  const r = await agent.keep(puppy);
  if (r?.$type === "Puppy") ok<Equals<typeof r.WeeksOld, number>>(true);
}
