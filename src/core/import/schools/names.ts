const TRAILING_LOGIN = /^(.*?)\s*\(((?:edu|sch)\d{4,8})\)\s*$/i;
const TRAILING_MUNICIPALITY_CODE = /^(.*?)\s*\((reg(\d+)_m\d+)\)\s*$/i;

/** 'МБОУ «СОШ №1»(edu203389)' → name 'МБОУ «СОШ №1»', login 'edu203389'. */
export function splitSchoolName(text: string): { name: string | null; login: string | null } {
  const match = TRAILING_LOGIN.exec(text);
  if (match) return { name: match[1] || null, login: match[2].toLowerCase() };
  return { name: text || null, login: null };
}

/** 'Урус-Мартановский район(reg20_m012)' → name, fisoko code 'reg20_m012', region '20'. */
export function splitMunicipalityName(text: string): { name: string; code: string | null; region: string | null } {
  const match = TRAILING_MUNICIPALITY_CODE.exec(text);
  if (match) return { name: match[1], code: match[2].toLowerCase(), region: match[3] };
  return { name: text, code: null, region: null };
}

/** Region code from a ФИС ОКО login: digits 1–2 after 'edu' ('edu203389' → '20'). */
export function regionOfLogin(login: string): string | null {
  const match = /^(?:edu|sch)(\d{2})/i.exec(login);
  return match ? match[1] : null;
}

/** The other spelling of the same login: older files use 'sch…' where ФИС ОКО now shows 'edu…'. */
export function twinLogin(login: string): string | null {
  if (/^edu/i.test(login)) return `sch${login.slice(3)}`;
  if (/^sch/i.test(login)) return `edu${login.slice(3)}`;
  return null;
}
