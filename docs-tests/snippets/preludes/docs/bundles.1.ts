// "Creating a policy": the snippet creates ./policies itself, so it starts without one.
import { rmSync } from "node:fs";
import "../common.js";

rmSync("policies", { recursive: true, force: true });
