export declare function summarize(result: unknown): Record<string, unknown>;
export declare function summarizeRefusal(error: unknown): Record<string, unknown>;
export declare function runCorpus(
  verify: unknown,
  corpus: unknown,
  options?: { keyForm?: "pem" | "jwk" | "raw" },
): Promise<{
  checked: number;
  mismatches: { id: string; expected?: unknown; actual?: unknown; threw?: string }[];
}>;
