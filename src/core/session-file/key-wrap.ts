/**
 * The key that turns ФИО + document into person keys (oko_secret, core/import/persons/person-key.ts) leaves the
 * browser only wrapped with a passphrase the user chose: PBKDF2-SHA-256 derives an AES-GCM key
 * from the passphrase and a random salt; AES-GCM encrypts the 32 key bytes and authenticates them,
 * so a wrong passphrase is told apart from a right one (the tag does not verify). Web Crypto only:
 * the same code runs in the worker and in Node tests.
 */

/** The wrapped key as stored in the downloaded file (oko_secret, name WRAPPED_SECRET_NAME, value JSON). */
export interface WrappedKey {
  v: 1;
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  /** base64 */
  salt: string;
  iv: string;
  data: string;
}

export const WRAPPED_SECRET_NAME = 'person_key_hmac_wrapped';

/** OWASP's figure for PBKDF2-HMAC-SHA-256 (2023): a guess of the passphrase costs this many hashes. */
export const PBKDF2_ITERATIONS = 600_000;

/** A passphrase shorter than this is refused: the file may travel, and short ones are guessed. */
export const MIN_PASSPHRASE_LENGTH = 8;

/** Binds the ciphertext to what it is, so it cannot be passed off as something else. */
const PURPOSE = new TextEncoder().encode('oko:person_key_hmac:v1');

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

async function derive(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const subtle = globalThis.crypto.subtle;
  const material = await subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** Russian reason why a passphrase cannot be used, or null. */
export function passphraseProblem(passphrase: string): string | null {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) return `Пароль слишком короткий: нужно не меньше ${MIN_PASSPHRASE_LENGTH} знаков.`;
  return null;
}

export async function wrapKey(key: Uint8Array, passphrase: string, iterations = PBKDF2_ITERATIONS): Promise<WrappedKey> {
  const problem = passphraseProblem(passphrase);
  if (problem) throw new Error(problem);
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const aes = await derive(passphrase, salt, iterations);
  const data = new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: PURPOSE }, aes, Uint8Array.from(key)));
  return { v: 1, kdf: 'PBKDF2-SHA-256', iterations, salt: toBase64(salt), iv: toBase64(iv), data: toBase64(data) };
}

/** The key, or null when the passphrase is wrong (or the record was tampered with). */
export async function unwrapKey(wrapped: WrappedKey, passphrase: string): Promise<Uint8Array | null> {
  const aes = await derive(passphrase, fromBase64(wrapped.salt), wrapped.iterations);
  try {
    const key = await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(wrapped.iv), additionalData: PURPOSE }, aes, fromBase64(wrapped.data));
    return new Uint8Array(key);
  } catch {
    return null;
  }
}

/** The stored JSON, checked: a damaged or foreign record is treated as no key at all. */
export function parseWrappedKey(text: string): WrappedKey | null {
  try {
    const value = JSON.parse(text) as Partial<WrappedKey>;
    const ok =
      value.v === 1 &&
      value.kdf === 'PBKDF2-SHA-256' &&
      typeof value.iterations === 'number' &&
      Number.isInteger(value.iterations) &&
      value.iterations >= 100_000 &&
      value.iterations <= 10_000_000 &&
      [value.salt, value.iv, value.data].every((part) => typeof part === 'string' && /^[A-Za-z0-9+/=]{1,200}$/.test(part));
    return ok ? (value as WrappedKey) : null;
  } catch {
    return null;
  }
}
