/**
 * The municipal documents the monitoring forms serve, cited as the catalogue cites them: title, who
 * approved it and when, then the item. (The same titles as the catalogue's document list.)
 */
export const DOCUMENTS = {
  novoaleksandrovsk:
    'Концепция по развитию муниципальной системы оценки качества образования и муниципальных механизмов управления ' +
    'качеством образования в Новоалександровском городском округе Ставропольского края на 2020–2025 годы ' +
    '(приказ управления образования от 23.08.2020 № 530)',
  sovgavan: 'Муниципальная программа повышения качества образования Советско-Гаванского муниципального района Хабаровского края на 2021–2024 годы',
  // The text carries no date; the latest documents it cites are of 2021.
  severomorsk: 'Концепция муниципальной системы оценки качества образования в ЗАТО г. Североморск (2021 г. или позже)',
} as const;

/** An item of the Новоалександровск road map (its «Дорожная карта», приложение 2). */
export const roadMap = (item: string, text: string) => `${DOCUMENTS.novoaleksandrovsk}, дорожная карта, п. ${item} «${text}»`;

/** A section of the Новоалександровск concept itself (приложение 1). */
export const concept = (section: string, text: string) => `${DOCUMENTS.novoaleksandrovsk}, раздел ${section} «${text}»`;

/** A numbered activity of the Советско-Гаванский programme's plan. */
export const sovgavanItem = (n: number, text: string) => `${DOCUMENTS.sovgavan}, мероприятие № ${n} «${text}»`;

/** The Североморск concept, a quoted passage. */
export const severomorsk = (text: string) => `${DOCUMENTS.severomorsk}: «${text}»`;
