export { replayLineage } from "./replay-lineage.js";
export { LINEAGE_EVENT_TYPES } from "./lineage-event-types.js";
export type { ReplayHashList } from "./lineage-event-types.js";
export type { ReplayState, ReplayResult } from "./replay.types.js";
