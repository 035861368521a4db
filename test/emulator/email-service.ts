/** The project's Services84 EMail contract served by the emulator at `path`, backed by a fresh agent store. */
import { readFile } from "node:fs/promises";
import { EMailMetadata } from "../../generated/email/metadata.js";
import { createEMailImplementation, EMailAgentStore, type EmulatorService } from "../../emulator/index.js";
import { loadMetadata } from "../../runtime/index.js";

export async function emailService(path: string): Promise<EmulatorService> {
  return {
    metadata: loadMetadata(EMailMetadata),
    wsdlXml: await readFile(new URL("../../wsdl/services84/EMail.wsdl", import.meta.url), "utf8"),
    path,
    implementation: createEMailImplementation(new EMailAgentStore()),
  };
}
