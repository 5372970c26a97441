// Builds the offline verification page: one self-contained HTML file (dist/verify.html) with the
// verifier, its script and its style inline, under a Content-Security-Policy that allows exactly
// those two inline blocks (by hash) and forbids every connection. Also copies it to docs/.
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = new URL("../", import.meta.url);
const page = new URL("page/", root);

const bundle = await build({
  entryPoints: [new URL("app.ts", page).pathname],
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2022",
  platform: "browser",
  write: false,
  legalComments: "none",
  tsconfig: new URL("tsconfig.build.json", root).pathname,
});
// A literal "</script" inside the script would end the element early.
const script = bundle.outputFiles[0].text.replaceAll("</script", "<\\/script").trim();
const style = readFileSync(new URL("style.css", page), "utf8").trim();
const hash = (text) => `sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`;

const html = readFileSync(new URL("index.html", page), "utf8")
  .replace("__SCRIPT_HASH__", hash(script))
  .replace("__STYLE_HASH__", hash(style))
  .replace("<style>__STYLE__</style>", () => `<style>${style}</style>`)
  .replace("__SCRIPT__", () => script);

mkdirSync(new URL("dist/", root), { recursive: true });
const out = new URL("dist/verify.html", root);
writeFileSync(out, html);
const docs = new URL("../../docs/verify.html", root);
copyFileSync(out, docs);
const gzipped = gzipSync(html, { level: 9 }).length;
console.log(`verify.html: ${html.length} bytes, ${gzipped} bytes gzipped (limit 40960)`);
if (gzipped > 40 * 1024) {
  console.error("verify.html is larger than 40 KB gzipped");
  process.exit(1);
}
