import sharp from 'sharp'

/** The sizes browsers, feed readers and bookmarking tools ask /favicon.ico for. */
export const ICON_SIZES = [16, 32, 48] as const

/**
 * A Windows icon file (ICO) holding one PNG image per size, rendered from SVG artwork. Every
 * browser and Windows since Vista read PNG images inside an ICO; each is drawn from the vector at
 * its own size (not scaled from another bitmap), so the small ones stay sharp.
 */
export async function icoFromSvg(svg: string, sizes: readonly number[] = ICON_SIZES): Promise<Uint8Array<ArrayBuffer>> {
  // The artwork's own width: the third number of its viewBox (min-x, min-y, width, height).
  const artworkWidth = Number(
    /viewBox="([^"]+)"/
      .exec(svg)?.[1]
      ?.trim()
      .split(/[\s,]+/)[2] ?? 32,
  )
  const images = await Promise.all(
    sizes.map((size) =>
      // 72 dpi draws the artwork at its own width in pixels; the density puts it at `size`.
      sharp(Buffer.from(svg), { density: (72 * size) / artworkWidth })
        .resize(size, size, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
        .png()
        .toBuffer(),
    ),
  )
  // ICONDIR (6 bytes), one ICONDIRENTRY (16 bytes) per image, then the images.
  const header = Buffer.alloc(6 + 16 * images.length)
  header.writeUInt16LE(0, 0) // reserved
  header.writeUInt16LE(1, 2) // 1: icon (2 would be a cursor)
  header.writeUInt16LE(images.length, 4)
  let offset = header.length
  images.forEach((image, i) => {
    const entry = 6 + 16 * i
    const size = sizes[i]!
    header.writeUInt8(size >= 256 ? 0 : size, entry) // width; 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1) // height
    header.writeUInt8(0, entry + 2) // colours in the palette: none
    header.writeUInt8(0, entry + 3) // reserved
    header.writeUInt16LE(1, entry + 4) // colour planes
    header.writeUInt16LE(32, entry + 6) // bits per pixel
    header.writeUInt32LE(image.length, entry + 8)
    header.writeUInt32LE(offset, entry + 12)
    offset += image.length
  })
  return Uint8Array.from(Buffer.concat([header, ...images]))
}
