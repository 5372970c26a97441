import { afterEach, beforeEach } from "vitest";
import { startTransitServer, type TransitServer } from "./transit-server.js";

/**
 * Gives every test of the calling file a fresh server holding the ed25519 key `parmana`
 * (`keyName: null` for none), closed after the test. `onStart` receives it (assign it to the
 * file's `vault`) and may prepare more.
 */
export function useTransitServer(
  onStart: (server: TransitServer) => void | Promise<void>,
  options: Parameters<typeof startTransitServer>[0] & { keyName?: string | null } = {},
): void {
  let current: TransitServer | undefined;
  beforeEach(async () => {
    const { keyName = "parmana", ...serverOptions } = options;
    current = await startTransitServer(serverOptions);
    if (keyName !== null) current.createKey(keyName, "ed25519");
    await onStart(current);
  });
  afterEach(async () => {
    await current?.close();
  });
}
