/** Admin labels in both UI languages; German is what the press office sees by default. */
export const label = (de: string, en: string) => ({ de, en })
