// Platform-neutral (no node: import). Checks shared between core (synchronous node:crypto) and
// @parmanasystems/verify (asynchronous WebCrypto) are written once as generators that yield what
// they need computed; these drivers answer each request, synchronously or not. An answer that
// throws is thrown back into the generator at the point it asked, so its own error handling
// applies on both platforms alike.

/**
 * Runs steps to completion, answering each request synchronously.
 *
 * @internal
 */
export function runSteps<Request, Result, Answer>(
  steps: Generator<Request, Result, Answer>,
  answer: (request: Request) => Answer,
): Result {
  let next = steps.next(undefined as Answer);
  for (;;) {
    if (next.done === true) return next.value;
    let value: Answer;
    try {
      value = answer(next.value);
    } catch (error) {
      next = steps.throw(error);
      continue;
    }
    next = steps.next(value);
  }
}

/**
 * Runs steps to completion, answering each request with a promise or a value.
 *
 * @internal
 */
export async function runStepsAsync<Request, Result, Answer>(
  steps: Generator<Request, Result, Answer>,
  answer: (request: Request) => Answer | Promise<Answer>,
): Promise<Result> {
  let next = steps.next(undefined as Answer);
  for (;;) {
    if (next.done === true) return next.value;
    let value: Answer;
    try {
      value = await answer(next.value);
    } catch (error) {
      next = steps.throw(error);
      continue;
    }
    next = steps.next(value);
  }
}
