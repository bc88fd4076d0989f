import mammoth from 'mammoth'

/** A picture from the Word file, kept aside: the body holds no images, the release's image list does. */
export type WordImage = { index: number; contentType: string; data: Buffer; altText?: string }

export const IMAGE_SRC = 'word-image:'

/**
 * Word's styles mapped to what the release needs to tell apart. Built-in style names are English
 * in every Word language; the style ids cover files written by other programs. Word's first heading
 * level becomes h2, as the page's h1 is the release title.
 */
const STYLE_MAP = [
  "p[style-name='Title'] => h1.title:fresh",
  'p.Title => h1.title:fresh',
  "p[style-name='Subtitle'] => p.subtitle:fresh",
  'p.Subtitle => p.subtitle:fresh',
  "p[style-name='Caption'] => p.caption:fresh",
  "p[style-name='heading 1'] => h2:fresh",
  "p[style-name='heading 2'] => h3:fresh",
  "p[style-name='heading 3'] => h4:fresh",
  "p[style-name='heading 4'] => h4:fresh",
  "p[style-name='heading 5'] => h4:fresh",
  "p[style-name='heading 6'] => h4:fresh",
]

/** The document body as HTML (mammoth), with each picture replaced by a reference to `images`. */
export async function wordToHtml(bytes: Uint8Array): Promise<{ html: string; images: WordImage[] }> {
  const images: WordImage[] = []
  const { value } = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes) },
    {
      styleMap: STYLE_MAP,
      // A linked picture would make mammoth read a path on this server.
      externalFileAccess: false,
      convertImage: mammoth.images.imgElement(async (image) => {
        const index = images.length
        const altText = (image as { altText?: string }).altText
        images.push({ index, contentType: image.contentType, data: await image.readAsBuffer(), altText })
        return { src: `${IMAGE_SRC}${index}` }
      }),
    },
  )
  return { html: value, images }
}
