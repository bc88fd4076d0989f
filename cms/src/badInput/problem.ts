/** A refused value: where it is (a Payload field path or a request parameter) and what is wrong. */
export type Problem = { path: string; message: string }

/**
 * The body Payload answers its own ValidationError with, so clients and the admin read every
 * refusal of a field the same way (`errors[0].data.errors[].path`).
 */
export function fieldErrors(problems: Problem[]) {
  return {
    errors: [
      {
        name: 'ValidationError',
        message: problems.map(({ path, message }) => `${path}: ${message}`).join('; '),
        data: { errors: problems },
      },
    ],
  }
}

/** A refusal of the request as a whole, in the shape of Payload's other errors. */
export const requestError = (message: string) => ({ errors: [{ message }] })

/** Long or control-laden input quoted back in a message stays readable and short. */
export function quote(value: unknown): string {
  const text = String(value).replace(/\p{Cc}/gu, '\uFFFD')
  return text.length > 40 ? `${text.slice(0, 40)}…` : text
}
