/** The `MockServer` a test holds: handlers, delays, failures, recorded calls, close. */
import { MockUsageError } from "./errors.js";
import type { Listening } from "./http-server.js";
import type { ServedService } from "./types.js";
import type { MockState } from "./state.js";
import type { MockCall, MockFailure, MockHandler, MockServer, OperationMap } from "./types.js";

export class MockServerImpl<Ops extends OperationMap> implements MockServer<Ops> {
  readonly url: string;
  readonly #listening: Listening;
  readonly #ports: readonly ServedService[];
  readonly #state: MockState;

  constructor(listening: Listening, ports: readonly ServedService[], state: MockState) {
    this.url = listening.url;
    this.#listening = listening;
    this.#ports = ports;
    this.#state = state;
  }

  get calls(): readonly MockCall[] {
    return this.#state.calls;
  }

  /** A port by service name, port name or path (default: the first). */
  endpoint(service?: string): string {
    const port =
      service === undefined
        ? this.#ports[0]
        : (this.#ports.find((p) => p.metadata.port === service || p.path === service) ??
          this.#ports.find((p) => p.metadata.service === service));
    if (port === undefined) {
      const known = this.#ports.map((p) => `${p.metadata.service}/${p.metadata.port}`).join(", ");
      throw new MockUsageError(`no served port ${JSON.stringify(service)} (served: ${known})`);
    }
    return `${this.url}${port.path}`;
  }

  #checkOperation(operation: string): void {
    const known = this.#ports.some(
      (p) =>
        Object.hasOwn(p.metadata.operations, operation) ||
        Object.values(p.metadata.operations).some((o) => o.name === operation),
    );
    if (!known) throw new MockUsageError(`no served port has an operation ${JSON.stringify(operation)}`);
  }

  handle<K extends keyof Ops & string>(operation: K, handler: MockHandler<Ops[K]["input"], Ops[K]["output"]>): this {
    this.#checkOperation(operation);
    this.#state.handlers.set(operation, handler as MockHandler);
    return this;
  }

  delay(ms: number, operation?: keyof Ops & string): this {
    if (operation !== undefined) this.#checkOperation(operation);
    this.#state.setDelay(ms, operation);
    return this;
  }

  fail(operation: keyof Ops & string, failure: MockFailure): this {
    this.#checkOperation(operation);
    this.#state.addFailure(operation, failure);
    return this;
  }

  callsOf(operation: keyof Ops & string): MockCall[] {
    return this.#state.calls.filter((c) => c.operation === operation);
  }

  reset(): void {
    this.#state.reset();
  }

  close(): Promise<void> {
    return this.#listening.close();
  }
}
