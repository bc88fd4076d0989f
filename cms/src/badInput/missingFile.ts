import { stat } from 'node:fs/promises'
import path from 'node:path'
import type { UploadConfig } from 'payload'
import { quote, requestError } from './problem.ts'

type Handler = NonNullable<UploadConfig['handlers']>[number]

/**
 * A file name no stored file has is not found (404). Payload answers it with a 500 "Something went
 * wrong". Runs after Payload's access check and before it reads from `staticDir`; names that climb
 * out of the folder are left to Payload, which refuses them.
 */
export function missingFileIsNotFound(staticDir: string): Handler {
  const dir = path.resolve(staticDir)
  const handler = async (
    _req: unknown,
    { params: { filename } }: { params: { filename: string } },
  ): Promise<Response | undefined> => {
    const file = path.resolve(dir, filename)
    if (!file.startsWith(dir + path.sep)) return
    try {
      await stat(file)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return
      const message = `Die Datei ${quote(filename)} gibt es nicht / there is no file ${quote(filename)}`
      return Response.json(requestError(message), { status: 404 })
    }
  }
  // Payload's type allows a Response or nothing, but not a promise of either; it awaits both.
  return handler as Handler
}
