import { constants, crc32, createDeflate } from 'node:zlib'

const chunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/**
 * A real, complete PNG of `width` × `height` white RGB pixels, written row by row so that making it
 * never holds the decoded image: 16,000 × 16,000 pixels fit in under a megabyte, as an attacker's do.
 */
export async function whitePng(width: number, height: number): Promise<Buffer> {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8 bits, RGB, deflate, no filter method, not interlaced
  const deflate = createDeflate({ level: constants.Z_BEST_COMPRESSION })
  const compressed: Buffer[] = []
  deflate.on('data', (data: Buffer) => compressed.push(data))
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject))
  const row = Buffer.alloc(1 + width * 3, 0xff)
  row[0] = 0 // filter type "none"
  for (let y = 0; y < height; y++) {
    if (!deflate.write(row)) await new Promise((resolve) => deflate.once('drain', resolve))
  }
  deflate.end()
  await done
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', Buffer.concat(compressed)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
