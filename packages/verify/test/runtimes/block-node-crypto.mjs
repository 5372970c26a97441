// Preloaded with `node --import`: makes node:crypto unavailable to every module loaded after it
// (ESM imports through a resolve hook, CommonJS require through Module._load), so the corpus
// run proves the package needs nothing but the WebCrypto global.
import Module, { register } from "node:module";

const BLOCKED = new Set(["crypto", "node:crypto"]);

register(
  `data:text/javascript,${encodeURIComponent(`
    const BLOCKED = new Set(["crypto", "node:crypto"]);
    export async function resolve(specifier, context, next) {
      if (BLOCKED.has(specifier)) throw new Error("node:crypto is unavailable in this test");
      return next(specifier, context);
    }
  `)}`,
);

const load = Module._load;
Module._load = function (request, ...rest) {
  if (BLOCKED.has(request)) throw new Error("node:crypto is unavailable in this test");
  return load.call(this, request, ...rest);
};
