import { type CollectionBeforeOperationHook, ValidationError } from 'payload'

/**
 * A password must be a string: Payload hands it to the key derivation as is, which throws (500)
 * on a number or an object. Covers sign-up, changes, login and reset alike.
 */
export const passwordIsText: CollectionBeforeOperationHook = ({ args, collection, req }) => {
  const password = (args as { data?: { password?: unknown } }).data?.password
  if (password === undefined || password === null || typeof password === 'string') return args
  const message = 'Das Passwort muss ein Text sein / the password must be a string'
  throw new ValidationError({ collection: collection.slug, errors: [{ path: 'password', message }] }, req.t)
}
