/**
 * Runs a store operation with a deadline: rejects when `operation` throws, rejects, or does not
 * settle within `milliseconds`. The timer never keeps the process alive.
 */
export function withDeadline<T>(
  operation: () => Promise<T>,
  milliseconds: number,
  what: string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${milliseconds} ms`)),
      milliseconds,
    );
    timer.unref?.();
    let pending: Promise<T>;
    try {
      pending = Promise.resolve(operation());
    } catch (error) {
      clearTimeout(timer);
      reject(error);
      return;
    }
    pending.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
