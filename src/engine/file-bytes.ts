import type { FileBytes } from './protocol.ts';

/** A request of the page with its file read (FileBytes): what the import code takes. */
export type WithBytes<T extends { bytes: FileBytes }> = Omit<T, 'bytes'> & { bytes: Uint8Array };

/**
 * The bytes of a file the page sent: a File it picked is read here. One the user changed, moved
 * or deleted since picking it can no longer be read, which is said in Russian.
 */
export async function readFileBytes(source: FileBytes): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source;
  try {
    return new Uint8Array(await source.arrayBuffer());
  } catch (error) {
    // what the browser says of a file changed or gone since it was picked; anything else (no memory for it) as it is
    if (error instanceof DOMException && (error.name === 'NotReadableError' || error.name === 'NotFoundError')) {
      throw new Error('файл не прочитан: его изменили, переместили или удалили после того, как выбрали. Выберите его снова.', { cause: error });
    }
    throw error;
  }
}

export async function withBytes<T extends { bytes: FileBytes }>(request: T): Promise<WithBytes<T>> {
  return { ...request, bytes: await readFileBytes(request.bytes) };
}
