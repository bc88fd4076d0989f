import { IMAGE_MAX_PIXELS } from '@masterplan/shared'
import sharp from 'sharp'

export type PixelProblem = { width: number; height: number; message: string }

const megapixels = (pixels: number) => (pixels / 1_000_000).toLocaleString('de-DE', { maximumFractionDigits: 1 })

/**
 * Refuses an image whose header claims more pixels than IMAGE_MAX_PIXELS, before anything decodes
 * it: sharp reads only the header for `metadata()`. Each frame of an animated image counts.
 * Returns null for an acceptable image, and for input that is no image sharp knows (other checks
 * decide about those).
 */
export async function checkImagePixels(input: Buffer | string): Promise<PixelProblem | null> {
  let width: number
  let height: number
  let frames: number
  try {
    const meta = await sharp(input, { limitInputPixels: false }).metadata()
    width = meta.width ?? 0
    height = meta.pageHeight ?? meta.height ?? 0
    frames = meta.pages ?? 1
  } catch {
    return null
  }
  const pixels = width * height * frames
  if (pixels <= IMAGE_MAX_PIXELS) return null
  const size = frames > 1 ? `${width} × ${height} Pixel × ${frames} Bilder` : `${width} × ${height} Pixel`
  return {
    width,
    height,
    message: `Das Bild hat ${size} (${megapixels(pixels)} Megapixel), höchstens ${megapixels(IMAGE_MAX_PIXELS)} Megapixel sind möglich; bitte verkleinern Sie es / the image has ${megapixels(pixels)} megapixels, at most ${megapixels(IMAGE_MAX_PIXELS)} are accepted`,
  }
}
