/**
 * A big worksheet part inflated a piece at a time (src/core/import/read/xlsx/zip-parts.ts): the
 * pieces make the part, however the compressed bytes are cut; the output stops at the declared
 * size, and a part that inflates to less is refused. The same of the platform's inflater
 * (DecompressionStream), which the engine's inflating worker uses where there is one.
 */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { inflatePartInChunks, inflatePartNatively } from '../../src/core/import/read/xlsx/zip-parts.ts';
import { NotStreamable } from '../../src/core/import/read/xlsx/sheetjs-text.ts';
import { readZipDirectory, type ZipEntry } from '../../src/core/import/read/zip-guard.ts';

/** Rows of a sheet, varied enough not to inflate from a few bytes. */
function sheetXml(rows: number): Uint8Array {
  let xml = '<sheetData>';
  for (let r = 1; r <= rows; r++) xml += `<row r="${r}"><c r="A${r}"><v>${(r * 7919) % 1000003}</v></c><c r="B${r}" t="str"><v>ОО ${r % 97}</v></c></row>`;
  return new TextEncoder().encode(`${xml}</sheetData>`);
}

function inPieces(bytes: Uint8Array, entry: ZipEntry, inputBytes?: number): { whole: Uint8Array; pieces: number } {
  const pieces: Uint8Array[] = [];
  inflatePartInChunks(bytes, entry, (chunk) => pieces.push(chunk.slice()), inputBytes);
  return { whole: new Uint8Array(Buffer.concat(pieces)), pieces: pieces.length };
}

describe('a part inflated in pieces', () => {
  const xml = sheetXml(5_000);
  const archive = zipSync({ 'xl/worksheets/sheet1.xml': [xml, { level: 6 }], 'stored.xml': [xml, { level: 0 }] });
  const entries = readZipDirectory(archive).entries;
  const deflated = entries.find((entry) => entry.name === 'xl/worksheets/sheet1.xml')!;
  const stored = entries.find((entry) => entry.name === 'stored.xml')!;

  it('gives the part whatever the size of the compressed pieces', () => {
    expect(deflated.method).toBe(8);
    for (const size of [100, 1000, 64 * 1024, undefined]) {
      const { whole, pieces } = inPieces(archive, deflated, size);
      expect(Buffer.from(whole).equals(Buffer.from(xml)), `pieces of ${size}`).toBe(true);
      if (size === 1000) expect(pieces).toBeGreaterThan(10);
    }
    expect(Buffer.from(inPieces(archive, stored).whole).equals(Buffer.from(xml))).toBe(true);
  });

  it('stops at the declared size and refuses a part that inflates to less', () => {
    const cut = inPieces(archive, { ...deflated, uncompressedSize: 1000 }, 64);
    expect(Buffer.from(cut.whole).equals(Buffer.from(xml.subarray(0, 1000)))).toBe(true);
    expect(() => inPieces(archive, { ...deflated, uncompressedSize: xml.length + 1 })).toThrow(NotStreamable);
  });

  it('reads no more of the stream than the declared size needs: a part that claims little is not inflated whole', () => {
    const big = zipSync({ 'xl/worksheets/sheet1.xml': [sheetXml(20_000), { level: 6 }] });
    const entry = readZipDirectory(big).entries[0];
    expect(entry.compressedSize).toBeGreaterThan(100_000);
    // the stream cut off after 70 KB: inflating it whole fails at its end; 1,000 declared bytes come from its first piece
    const claimsLittle = { ...entry, compressedSize: 70_000, uncompressedSize: 1000 };
    const { whole } = inPieces(big, claimsLittle);
    expect(whole.length).toBe(1000);
    expect(() => inPieces(big, { ...claimsLittle, uncompressedSize: 100_000_000 })).toThrow();
  });

  it('an error of the reader stops the inflating and comes out as it is', () => {
    const refused = new NotStreamable('an array formula');
    expect(() =>
      inflatePartInChunks(archive, deflated, () => {
        throw refused;
      }),
    ).toThrow(refused);
  });
});

async function natively(bytes: Uint8Array, entry: ZipEntry): Promise<{ whole: Uint8Array; sizes: number[] }> {
  const pieces: Uint8Array[] = [];
  await inflatePartNatively(bytes, entry, (chunk) => pieces.push(chunk.slice()));
  return { whole: new Uint8Array(Buffer.concat(pieces)), sizes: pieces.map((piece) => piece.length) };
}

describe('a part inflated by the platform (inflatePartNatively)', () => {
  const xml = sheetXml(5_000);
  const archive = zipSync({ 'xl/worksheets/sheet1.xml': [xml, { level: 6 }], 'stored.xml': [xml, { level: 0 }] });
  const entries = readZipDirectory(archive).entries;
  const deflated = entries.find((entry) => entry.name === 'xl/worksheets/sheet1.xml')!;
  const stored = entries.find((entry) => entry.name === 'stored.xml')!;

  it('gives the same bytes as fflate, in pieces of at most 4 MiB', async () => {
    expect(Buffer.from((await natively(archive, deflated)).whole).equals(Buffer.from(xml))).toBe(true);
    expect(Buffer.from((await natively(archive, stored)).whole).equals(Buffer.from(xml))).toBe(true);
    const big = sheetXml(120_000);
    expect(big.length).toBeGreaterThan(9 * 1024 * 1024);
    const bigArchive = zipSync({ 'xl/worksheets/sheet1.xml': [big, { level: 6 }] });
    const { whole, sizes } = await natively(bigArchive, readZipDirectory(bigArchive).entries[0]);
    expect(Buffer.from(whole).equals(Buffer.from(big))).toBe(true);
    expect(sizes.length).toBe(Math.ceil(big.length / (4 * 1024 * 1024)));
    expect(Math.max(...sizes)).toBe(4 * 1024 * 1024);
  });

  it('stops at the declared size and refuses a part that inflates to less', async () => {
    const cut = await natively(archive, { ...deflated, uncompressedSize: 1000 });
    expect(Buffer.from(cut.whole).equals(Buffer.from(xml.subarray(0, 1000)))).toBe(true);
    await expect(natively(archive, { ...deflated, uncompressedSize: xml.length + 1 })).rejects.toThrow(NotStreamable);
  });

  it('reads no more of the stream than the declared size needs, and refuses a broken stream', async () => {
    const big = zipSync({ 'xl/worksheets/sheet1.xml': [sheetXml(20_000), { level: 6 }] });
    const entry = readZipDirectory(big).entries[0];
    const claimsLittle = { ...entry, compressedSize: 70_000, uncompressedSize: 1000 };
    expect((await natively(big, claimsLittle)).whole.length).toBe(1000);
    await expect(natively(big, { ...claimsLittle, uncompressedSize: 100_000_000 })).rejects.toThrow(NotStreamable);
    const garbage = { ...entry, localOffset: 0 };
    await expect(natively(new Uint8Array(entry.compressedSize + 200).fill(0xff), garbage)).rejects.toThrow(NotStreamable);
  });

  it('an error of the reader stops the inflating and comes out as it is', async () => {
    const refused = new NotStreamable('an array formula');
    await expect(
      inflatePartNatively(archive, deflated, () => {
        throw refused;
      }),
    ).rejects.toBe(refused);
  });
});
