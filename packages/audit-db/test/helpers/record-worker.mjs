// A separate process of the application: records its share of decisions through the BUILT
// package (dist), like a second service instance would, and prints its counts as JSON.
// argv: <dist url> <database url> <schema> <items.ndjson> <first> <count> <forged.json> <unique>
import { readFileSync } from "node:fs";

const [distUrl, databaseUrl, schema, itemsPath, firstText, countText, forgedPath, uniqueText] =
  process.argv.slice(2);
const { AuditDb } = await import(distUrl);
const items = readFileSync(itemsPath, "utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line));
const first = Number(firstText);
const count = Number(countText);
const db = new AuditDb(databaseUrl, { schema });
const counts = { recorded: 0, duplicate: 0, conflict: 0, other: 0 };
const mine = Array.from({ length: count }, (_, i) => items[(first + i) % Number(uniqueText)]);
// 8 writes in flight at a time, as a busy service would have.
let next = 0;
async function lane() {
  while (next < mine.length) {
    const item = mine[next++];
    const result = await db.recordDecision(item.attestation, { signals: item.signals });
    counts[result.status] += 1;
  }
}
await Promise.all(Array.from({ length: 8 }, lane));
try {
  await db.recordDecision(JSON.parse(readFileSync(forgedPath, "utf8")));
  counts.other += 1;
} catch (error) {
  if (error.code === "STORE-004") counts.conflict += 1;
  else throw error;
}
await db.close();
process.stdout.write(JSON.stringify(counts));
