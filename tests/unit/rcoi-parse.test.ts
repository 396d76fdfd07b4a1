import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../../src/core/import/read/workbook.ts';
import { splitBlocks } from '../../src/core/import/formats/rcoi/blocks.ts';
import { decideKind } from '../../src/core/import/formats/rcoi/exam-kind.ts';
import type { KindEvidence } from '../../src/core/import/formats/rcoi/exam-kind.ts';
import { createHmac, sha256 } from '../../src/core/import/persons/hmac.ts';
import { MaskProblem, parseScoredMask, parseShortMask } from '../../src/core/import/formats/rcoi/masks.ts';
import { normalizeDocument, normalizeName } from '../../src/core/import/persons/person-key.ts';
import { alignRow } from '../../src/core/import/formats/rcoi/row-cells.ts';
import { parseExamCell, parseExamTitle, parseRegionLine } from '../../src/core/import/formats/rcoi/title.ts';
import { encodeWindows1251 } from '../../src/core/import/formats/rcoi/sample.ts';
import { egeRusCsv, ogeMathXls, ogeTwoBlockXlsx } from '../fixtures/rcoi.ts';

describe('РЦОИ titles', () => {
  it('read code, subject and date', () => {
    expect(parseExamTitle('01 - Русский язык 2022.06.23')).toEqual({
      text: '01 - Русский язык 2022.06.23',
      code: '01',
      subject: 'Русский язык',
      examDate: '2022-06-23',
      oralDate: null,
      stage: null,
      term: null,
      gve: false,
      grade: null,
    });
    expect(parseExamTitle('25 - Информатика и ИКТ (КЕГЭ) 2021.06.24')).toMatchObject({ code: '25', subject: 'Информатика и ИКТ (КЕГЭ)' });
    expect(parseExamTitle('22 - Математика базовая 2022.06.27')).toMatchObject({ code: '22', subject: 'Математика базовая' });
  });

  it('read foreign languages with written and oral dates, in both spellings', () => {
    expect(parseExamTitle('"Английский язык п:2022.06.14; у:2022.06.16"')).toMatchObject({
      code: null,
      subject: 'Английский язык',
      examDate: '2022-06-14',
      oralDate: '2022-06-16',
    });
    expect(parseExamTitle('Английский язык п.: 2021.06.18, у.: 2021.06.21')).toMatchObject({ examDate: '2021-06-18', oralDate: '2021-06-21' });
    expect(parseExamTitle('п:09; у:29 - Английский язык у:2022.06.16; п:2022.06.14')).toMatchObject({
      code: 'п:09; у:29',
      examDate: '2022-06-14',
      oralDate: '2022-06-16',
    });
  });

  it('take stage, term and exam kind out of the subject', () => {
    expect(parseExamTitle('51 - ГВЭ Русский язык (резерв) 2026.06.20')).toMatchObject({
      code: '51',
      subject: 'Русский язык',
      gve: true,
      term: 'резерв',
      stage: null,
    });
    expect(parseExamTitle('02 - Математика ГВЭ-11 (резерв) 2026.06.20')).toMatchObject({ subject: 'Математика', gve: true, grade: 11 });
    expect(parseExamTitle('01 - Русский язык досрочный период 2026.04.10')).toMatchObject({ subject: 'Русский язык', stage: 'досрочный' });
    expect(parseExamTitle('ОГЭ Химия, пересдача 2026.09.10')).toMatchObject({ subject: 'Химия', term: 'пересдача', grade: 9 });
  });

  it('are not confused with other lines', () => {
    expect(parseExamTitle('Протокол проверки результатов')).toBeNull();
    expect(parseExamTitle('20 - Чеченская Республика')).toBeNull();
    expect(parseExamTitle('Средние')).toBeNull();
    expect(parseExamTitle('2022.06.23')).toBeNull();
    expect(parseExamTitle('01 - Русский язык 2022.13.40')).toBeNull();
    expect(parseRegionLine('20 - Чеченская Республика')).toEqual({ code: '20', name: 'Чеченская Республика' });
    expect(parseExamCell('Математика(2026.06.02)')).toMatchObject({ subject: 'Математика', examDate: '2026-06-02' });
  });
});

describe('answer masks', () => {
  it('short: «+» 1, «-» 0, digits are points, «X» not attempted', () => {
    expect(parseShortMask('+-2X0')).toEqual([
      { score: 1, raw: '+', max: 1 },
      { score: 0, raw: '-', max: 1 },
      { score: 2, raw: '2', max: 2 },
      { score: null, raw: 'X', max: 1 },
      { score: 0, raw: '0', max: 1 },
    ]);
    expect(() => parseShortMask('++?')).toThrow(MaskProblem);
  });

  it('long: score(max) repeated', () => {
    expect(parseScoredMask('1(2)2(3)0(2)')).toEqual([
      { score: 1, raw: '1(2)', max: 2 },
      { score: 2, raw: '2(3)', max: 3 },
      { score: 0, raw: '0(2)', max: 2 },
    ]);
    expect(() => parseScoredMask('3(2)')).toThrow('в задании 1 маски балл 3 больше максимального 2');
    expect(() => parseScoredMask('1(2)2')).toThrow(MaskProblem);
  });
});

describe('exam kind', () => {
  const none: KindEvidence = { titleGve: false, titleGrade: null, examCode: null, classLabels: [], hasTestScore: false, hasMark: false, baseMath: false };

  it('follows the documented order of evidence', () => {
    expect(decideKind({ ...none, classLabels: ['9А', '9Б'], hasMark: true })).toMatchObject({ kind: 'oge', grade: 9 });
    expect(decideKind({ ...none, classLabels: ['11', '11А'], hasTestScore: true })).toMatchObject({ kind: 'ege', grade: 11 });
    expect(decideKind({ ...none, classLabels: ['11'], hasMark: true, baseMath: true })).toMatchObject({ kind: 'ege' });
    expect(decideKind({ ...none, classLabels: ['11'], hasMark: true })).toMatchObject({ kind: 'gve11' });
    expect(decideKind({ ...none, examCode: '51', classLabels: ['9В'], hasMark: true })).toMatchObject({ kind: 'gve9' });
    expect(decideKind({ ...none, titleGve: true, classLabels: ['11'] })).toMatchObject({ kind: 'gve11' });
    expect(decideKind({ ...none, hasTestScore: true })).toMatchObject({ kind: 'ege', reason: 'в протоколе есть тестовый балл' });
    expect(decideKind({ ...none, hasMark: true })).toMatchObject({ kind: 'oge', reason: 'в протоколе есть только оценка' });
    expect(decideKind(none)).toBeNull();
  });

  it('is overridden by the context', () => {
    expect(decideKind({ ...none, classLabels: ['9А'], override: 'gve9' })).toMatchObject({ kind: 'gve9', grade: 9 });
    expect(decideKind({ ...none, classLabels: ['9А'], hasMark: true, contextGrade: 11 })).toMatchObject({ kind: 'gve11' });
  });
});

describe('person keys', () => {
  it('HMAC-SHA-256 equals Web Crypto', async () => {
    const key = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
    const text = 'doc\u001fИВАНОВ ИВАН ИВАНОВИЧ\u001f1111222222';
    const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const expected = Buffer.from(await crypto.subtle.sign('HMAC', cryptoKey, new TextEncoder().encode(text))).toString('hex');
    expect(createHmac(key)(text)).toBe(expected);
    const longKey = new Uint8Array(100).fill(3);
    const longCryptoKey = await crypto.subtle.importKey('raw', longKey, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const long = 'x'.repeat(200);
    expect(createHmac(longKey)(long)).toBe(Buffer.from(await crypto.subtle.sign('HMAC', longCryptoKey, new TextEncoder().encode(long))).toString('hex'));
    expect(Buffer.from(sha256(new Uint8Array())).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('normalise names and documents', () => {
    expect(normalizeName('  ёлкин   Пётр\u00a0алексеевич ')).toBe('ЕЛКИН ПЕТР АЛЕКСЕЕВИЧ');
    expect(normalizeDocument('96 23 № 123456')).toBe('9623123456');
  });
});

describe('spacer columns', () => {
  it('a row packed without its spacers is spread back over the named columns', () => {
    const csv = [
      'Английский язык п:2022.06.14;;;;;;;;;;;',
      '№;Фамилия;;;Имя;;;Отчество;;Документ;Код ОО;Первичный балл;Тестовый балл',
      '1;Иванов;;;Иван;;;Иванович;;1111 222222;111001;56;56',
      '2;Смирнов;Семен;Викторович;;5555 666666;111002;39;39',
    ].join('\n');
    const [sheet] = readWorkbook({ name: 'eng.csv', bytes: new TextEncoder().encode(csv) });
    const [block] = splitBlocks(sheet);
    expect(block.title?.subject).toBe('Английский язык');
    const packed = alignRow(block, block.rows[1].cells);
    expect(packed.stray).toBe(false);
    expect(packed.cells[block.fields.name!.index]).toBe('Семен');
    expect(packed.cells[block.fields.school!.index]).toBe('111002');
  });
});

describe('sample writers', () => {
  it('are deterministic', () => {
    expect(Buffer.compare(Buffer.from(ogeMathXls().bytes), Buffer.from(ogeMathXls().bytes))).toBe(0);
    expect(Buffer.compare(Buffer.from(ogeTwoBlockXlsx().bytes), Buffer.from(ogeTwoBlockXlsx().bytes))).toBe(0);
    expect(Buffer.compare(Buffer.from(egeRusCsv('windows-1251').bytes), Buffer.from(egeRusCsv('windows-1251').bytes))).toBe(0);
  });
});

describe('Windows-1251 sample encoder', () => {
  it('round-trips Cyrillic through TextDecoder', () => {
    const text = 'Ёлкин ёж №1 «Задания с развёрнутым ответом» АЯая';
    expect(new TextDecoder('windows-1251').decode(encodeWindows1251(text))).toBe(text);
  });
});
