import { inject } from 'vitest'

// Before any test imports the Payload config, which reads the environment once.
Object.assign(process.env, inject('env'))
