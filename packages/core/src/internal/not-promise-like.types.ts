/**
 * `T` itself, unless `T` is a Promise (or any other thenable): then `never`. The verify functions
 * take their records as `NotPromiseLike<T>`, so passing the un-awaited result of an async call
 * (`verifyAttestation(executeFromSignals(...), verifier)`) is a compile error rather than a
 * report that the record "must be a JSON object".
 *
 * @example
 * ```ts
 * declare function check<T>(record: NotPromiseLike<T>): void;
 * check({ executionId: "loan-42" }); // compiles
 * check(Promise.resolve({})); // error: not assignable to parameter of type 'never'
 * ```
 */
export type NotPromiseLike<T> = T extends PromiseLike<unknown> ? never : T;
