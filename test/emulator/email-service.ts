/** The project's EMail contract (Services84 by default, or Services88) served by the emulator at `path`. */
import { readFile } from "node:fs/promises";
import { EMailMetadata } from "../../generated/email/metadata.js";
import { EMailMetadata as EMail88Metadata } from "../../generated/services88/email/metadata.js";
import { createEMailImplementation, EMailAgentStore, type EmulatorService } from "../../emulator/index.js";
import { loadMetadata } from "../../runtime/index.js";

export interface EmailServiceOptions {
  /** The agent store behind the service (default: a fresh one). */
  readonly store?: EMailAgentStore;
  readonly version?: "services84" | "services88";
}

export async function emailService(path: string, options: EmailServiceOptions = {}): Promise<EmulatorService> {
  const version = options.version ?? "services84";
  return {
    metadata: loadMetadata(version === "services84" ? EMailMetadata : EMail88Metadata),
    wsdlXml: await readFile(new URL(`../../wsdl/${version}/EMail.wsdl`, import.meta.url), "utf8"),
    path,
    implementation: createEMailImplementation(options.store ?? new EMailAgentStore()),
  };
}
