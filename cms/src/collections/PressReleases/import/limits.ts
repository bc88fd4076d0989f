/**
 * How much a Word file may ask of the import. A Medieninformation has some 3,000 to 10,000
 * characters in a few dozen paragraphs; these leave ten times that room and stop files built to
 * keep the server busy. Each limit is checked before the part of the work it protects.
 */
export const IMPORT_LIMITS = {
  /** Uncompressed size of the document's text part (word/document.xml). */
  documentBytes: 16 * 1024 * 1024,
  /** Characters of text, all paragraphs together. */
  textCharacters: 100_000,
  /** Paragraphs, table cells' paragraphs included. */
  paragraphs: 1_000,
  /** Runs of text with formatting of their own (Word starts a new one at every change). */
  runs: 10_000,
  /** Tables inside tables inside tables … */
  tableDepth: 5,
  /** XML elements inside one another (a picture in a text box in a table is some 40 deep). */
  elementDepth: 200,
  /** Wall-clock time for reading the file in the worker, start-up included. */
  timeMs: 30_000,
  /** Heap of the worker thread; beyond it the worker is stopped, not the server. */
  workerHeapMb: 768,
  /** Word files read at the same time by one CMS process. */
  parallelReadings: 2,
} as const
