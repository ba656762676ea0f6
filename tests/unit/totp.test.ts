import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { acceptTotp, generateRecoveryCodes, hashRecoveryCode, looksLikeRecoveryCode, newTotpSecret, totpCodeAt, totpUri } from "@/lib/auth/totp";

/** RFC 6238 appendix B computed independently: HMAC-SHA1 of the step, dynamic truncation, 8 digits. */
function rfcTotp(secretAscii: string, timeS: number, digits: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(timeS / 30)));
  const mac = crypto.createHmac("sha1", Buffer.from(secretAscii)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const bin = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(bin).padStart(digits, "0");
}

const base32 = (buf: Buffer) => {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const b of buf) bits += b.toString(2).padStart(8, "0");
  return bits.match(/.{1,5}/g)!.map((c) => alphabet[parseInt(c.padEnd(5, "0"), 2)]).join("");
};

describe("TOTP", () => {
  const rfcSecret = base32(Buffer.from("12345678901234567890"));

  it("matches RFC 6238's SHA-1 test vectors (6-digit tail)", () => {
    expect(rfcTotp("12345678901234567890", 59, 8)).toBe("94287082"); // the RFC's own table
    for (const t of [59, 1111111109, 1111111111, 1234567890, 2000000000]) {
      expect(totpCodeAt(rfcSecret, t * 1000)).toBe(rfcTotp("12345678901234567890", t, 6));
    }
  });

  it("accepts one step of clock drift either way, not two, and never the same or an older step twice", () => {
    const secret = newTotpSecret();
    const now = 1_750_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(acceptTotp(secret, totpCodeAt(secret, now), now, null)).toBe(step);
    expect(acceptTotp(secret, totpCodeAt(secret, now - 30_000), now, null)).toBe(step - 1);
    expect(acceptTotp(secret, totpCodeAt(secret, now + 30_000), now, null)).toBe(step + 1);
    expect(acceptTotp(secret, totpCodeAt(secret, now - 90_000), now, null)).toBeNull();
    expect(acceptTotp(secret, totpCodeAt(secret, now), now, step)).toBeNull();
    expect(acceptTotp(secret, totpCodeAt(secret, now - 30_000), now, step - 1)).toBeNull();
    expect(acceptTotp(secret, "12345", now, null)).toBeNull();
    expect(acceptTotp(secret, "abcdef", now, null)).toBeNull();
  });

  it("builds an otpauth URI authenticator apps understand", () => {
    const uri = new URL(totpUri(rfcSecret, "dana@pd.example", "Sightline WPD"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(rfcSecret);
    expect(uri.searchParams.get("issuer")).toBe("Sightline WPD");
    expect(uri.searchParams.get("period")).toBe("30");
  });

  it("makes distinct recovery codes that hash the same however they are typed", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) {
      expect(c).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      expect(looksLikeRecoveryCode(c)).toBe(true);
      expect(hashRecoveryCode(c.toUpperCase().replaceAll("-", " "))).toBe(hashRecoveryCode(c));
    }
    expect(looksLikeRecoveryCode("123456")).toBe(false);
  });
});
