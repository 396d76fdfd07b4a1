import { DOC } from '../indicators/catalogue/common.ts';

/**
 * The municipal documents the monitoring forms serve, from the catalogue's list (title, who approved
 * it and when); the helpers below add the item, as sources are cited.
 */
export const DOCUMENTS = { novoaleksandrovsk: DOC.novoaleksandrovsk, sovgavan: DOC.sovgavan, severomorsk: DOC.severomorsk } as const;

/** An item of the Новоалександровск road map (its «Дорожная карта», приложение 2). */
export const roadMap = (item: string, text: string) => `${DOCUMENTS.novoaleksandrovsk}, дорожная карта, п. ${item} «${text}»`;

/** A section of the Новоалександровск concept itself (приложение 1). */
export const concept = (section: string, text: string) => `${DOCUMENTS.novoaleksandrovsk}, раздел ${section} «${text}»`;

/** A numbered activity of the Советско-Гаванский programme's plan. */
export const sovgavanItem = (n: number, text: string) => `${DOCUMENTS.sovgavan}, мероприятие № ${n} «${text}»`;

/** The Североморск concept, a quoted passage. */
export const severomorsk = (text: string) => `${DOCUMENTS.severomorsk}: «${text}»`;
