import { type Endpoint, Forbidden, UnauthorizedError } from 'payload'
import { requestError } from '../../../badInput/problem.ts'
import { importDocx } from './importDocx.ts'
import { readUpload } from './readUpload.ts'
import { ImportRefused } from './importRefused.ts'
import { takes } from '../../../badInput/declaredBodies.ts'

/**
 * POST /api/press-releases/import-docx (multipart field `file`): a draft press release from a Word
 * file, answered with its id and the import's notices. Who may create releases may import them.
 */
export const importDocxEndpoint: Endpoint = {
  ...takes('file'),
  path: '/import-docx',
  method: 'post',
  handler: async (req) => {
    if (!req.user) throw new UnauthorizedError(req.t)
    const create = req.payload.collections['press-releases'].config.access.create
    if ((await create({ req })) !== true) throw new Forbidden(req.t)
    try {
      const result = await importDocx(req, await readUpload(req))
      return Response.json(result, { status: 201 })
    } catch (error) {
      if (!(error instanceof ImportRefused)) throw error
      // A refused file is the sender's mistake, not the server's: logged as a note, without a stack.
      req.payload.logger.info({ msg: `Word-Import abgelehnt: ${error.message}`, user: req.user.id })
      return Response.json(requestError(error.message), { status: error.status })
    }
  },
}
