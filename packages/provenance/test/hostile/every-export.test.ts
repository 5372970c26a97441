// Every export of @parmanasystems/provenance, called with hostile values (arbitrary data, Proxies
// whose traps throw, throwing getters, 20,000-deep nesting), either returns (a result, a refusal
// report, false) or throws or rejects with a coded ParmanaError: never a raw RangeError or
// TypeError. There is no allow-list: any export that lets a raw error out fails the suite.
import * as provenance from "@parmanasystems/provenance";
import {
  callablesOf,
  describeEveryExportOnHostileInput,
} from "../../../../test-support/hostile-values.js";

// Error classes: constructing one with anything is fine by design.
const SKIP = new Set(Object.keys(provenance).filter((name) => /Error$/.test(name)));

describeEveryExportOnHostileInput("provenance", callablesOf(provenance, SKIP), 40);
