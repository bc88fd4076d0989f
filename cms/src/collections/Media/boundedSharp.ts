import { IMAGE_MAX_PIXELS } from '@masterplan/shared'
import sharp, { type SharpOptions } from 'sharp'

/**
 * One libvips thread per image: sharp runs on libuv's worker threads, off the JavaScript thread,
 * but by default each image takes every core, and three large uploads left /api/health waiting
 * 8 s. With one thread each, at most libuv's pool size (4) of images are decoded at once.
 */
sharp.concurrency(1)

/**
 * The sharp Payload resizes uploads with, refusing to decode more than IMAGE_MAX_PIXELS whatever
 * calls it (the upload hook refuses such files by their header before; this is the floor under it).
 */
export const boundedSharp = ((input?: Parameters<typeof sharp>[0], options?: SharpOptions) =>
  sharp(input as never, { ...options, limitInputPixels: IMAGE_MAX_PIXELS })) as typeof sharp
