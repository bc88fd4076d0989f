import { IMAGE_MAX_PIXELS } from '@masterplan/shared'
import pLimit from 'p-limit'
import sharp, { type SharpOptions } from 'sharp'

/**
 * One libvips thread per image: by default each image takes every core, and three large uploads
 * left /api/health waiting 8 s.
 */
sharp.concurrency(1)

/**
 * One image operation at a time. sharp works on libuv's pool of four threads, which file reads and
 * writes share: Payload makes an upload's four sizes at once, so one large image held every thread
 * and both cores, and /api/health (which asks the disk for its free space) waited 2 s. With one,
 * a 64-megapixel upload takes a few seconds longer and the server keeps a core for everything else.
 */
export const IMAGE_JOBS = 1
const slots = pLimit(IMAGE_JOBS)
const WORK = ['toBuffer', 'toFile', 'metadata', 'stats'] as const
type Image = ReturnType<typeof sharp>

function bounded(image: Image): Image {
  for (const method of WORK) {
    const run = (image[method] as (...args: unknown[]) => unknown).bind(image)
    // A callback as last argument means no promise to wait for: those few calls run as they are.
    ;(image as unknown as Record<string, unknown>)[method] = (...args: unknown[]) =>
      typeof args.at(-1) === 'function' ? run(...args) : slots(() => run(...args) as Promise<unknown>)
  }
  const clone = image.clone.bind(image)
  image.clone = () => bounded(clone())
  return image
}

/**
 * The sharp Payload resizes uploads with: bounded as above, and refusing to decode more than
 * IMAGE_MAX_PIXELS whatever calls it (the upload hook refuses such files by their header first).
 */
export const boundedSharp = ((input?: Parameters<typeof sharp>[0], options?: SharpOptions) =>
  bounded(sharp(input as never, { ...options, limitInputPixels: IMAGE_MAX_PIXELS }))) as typeof sharp
