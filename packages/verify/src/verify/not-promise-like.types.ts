/**
 * `T` itself, unless `T` is a Promise (or any other thenable): then `never`. The verify functions
 * take their records as `NotPromiseLike<T>`, so passing the un-awaited result of an async call is
 * a compile error rather than a report that the record "must be a JSON object".
 */
export type NotPromiseLike<T> = T extends PromiseLike<unknown> ? never : T;
