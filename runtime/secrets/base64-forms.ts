/**
 * The base64 forms a secret can take inside a longer base64 text (three byte alignments),
 * without the edge characters that depend on the neighbouring bytes. No Node-only APIs.
 */
export function base64Forms(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const forms: string[] = [];
  for (let pad = 0; pad < 3; pad++) {
    const padded = new Uint8Array(pad + bytes.length);
    padded.set(bytes, pad);
    const b64 = toBase64(padded);
    const from = pad === 0 ? 0 : pad + 1;
    // The last group may mix in the following bytes: keep whole groups only.
    const to = b64.length - 4;
    if (to - from > 0) forms.push(b64.slice(from, to));
  }
  return forms;
}

/** Standard base64 of some bytes (no `Buffer`). */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
