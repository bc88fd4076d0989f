import { bootPayload, type TestCms } from '@masterplan/cms/testing'

/**
 * The Local API against the benchmark's CMS, booted once: Payload cannot boot again in a process
 * after destroy() (its database adapter then waits for an init that never comes).
 */
export function localApiOf(cms: TestCms) {
  let booted: ReturnType<typeof bootPayload> | undefined
  return {
    get(): ReturnType<typeof bootPayload> {
      Object.assign(process.env, cms.env)
      booted ??= bootPayload()
      return booted
    },
    /** Whatever became of it (it may have failed to boot), the CMS must be able to stop after this. */
    async destroy(): Promise<void> {
      await booted?.then((payload) => payload.destroy()).catch(() => {})
    },
  }
}
