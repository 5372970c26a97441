/** The runtime identity files, as text, compiled into the built code. @internal */
export interface EmbeddedRuntimeIdentity {
  readonly runtimeManifest: string;
  readonly releaseManifest: string;
  readonly runtimeHistory: string;
}

/**
 * From source this is `undefined`. In the build, the import of this module is replaced by
 * `dist/runtime-identity.js` (`.cjs`), which `scripts/embed-runtime-identity.mjs` writes from
 * the manifests the build generated, so that a bundler (esbuild, ncc, webpack) that copies only
 * code still carries the runtime identity. @internal
 */
export const EMBEDDED_RUNTIME_IDENTITY: EmbeddedRuntimeIdentity | undefined = undefined;
