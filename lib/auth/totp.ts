import crypto from "node:crypto";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";

/**
 * RFC 6238 TOTP (SHA-1, 6 digits, 30 s: what every authenticator app accepts)
 * through otpauth. Codes one step either side are accepted for clock drift;
 * the caller stores the accepted step so the same code never works twice.
 */
const PERIOD_S = 30;
const DRIFT_WINDOW_STEPS = 1;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpFor(secretBase32: string, label = "staff", issuer = "Sightline"): TOTP {
  return new TOTP({ issuer, label, algorithm: "SHA1", digits: 6, period: PERIOD_S, secret: Secret.fromBase32(secretBase32) });
}

export function totpUri(secretBase32: string, accountEmail: string, issuer: string): string {
  return totpFor(secretBase32, accountEmail, issuer).toString();
}

export function totpCodeAt(secretBase32: string, atMs: number): string {
  return totpFor(secretBase32).generate({ timestamp: atMs });
}

/**
 * The time step of a valid code, or null. `lastStep` is the step accepted
 * last time: a code at or before it is a replay and is refused.
 */
export function acceptTotp(secretBase32: string, code: string, atMs: number, lastStep: number | null): number | null {
  const cleaned = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(cleaned)) return null;
  const delta = totpFor(secretBase32).validate({ token: cleaned, timestamp: atMs, window: DRIFT_WINDOW_STEPS });
  if (delta === null) return null;
  const step = Math.floor(atMs / 1000 / PERIOD_S) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

export function totpQrDataUrl(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 1, width: 220 });
}

// Recovery codes: 12 characters of an unambiguous alphabet (60 bits), shown as xxxx-xxxx-xxxx.
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
export const RECOVERY_CODE_COUNT = 10;

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 12 }, () => RECOVERY_ALPHABET[crypto.randomInt(RECOVERY_ALPHABET.length)]);
    return `${chars.slice(0, 4).join("")}-${chars.slice(4, 8).join("")}-${chars.slice(8).join("")}`;
  });
}

export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, "");
}

export function hashRecoveryCode(code: string): string {
  return crypto.createHash("sha256").update(normaliseRecoveryCode(code)).digest("hex");
}

export function looksLikeRecoveryCode(code: string): boolean {
  return normaliseRecoveryCode(code).length === 12;
}
