import "server-only";
import { eq, isNotNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit, systemActor } from "@/lib/audit/record-audit";
import { openTotpSecret, sealTotpSecret, sealedKeyId, totpKeyId, TotpSecretUnreadableError, type TotpKeyring } from "./totp-secret-box";

export interface TotpSealReport {
  /** Plain base32 secrets from before encryption at rest, now sealed. */
  sealed: number;
  /** Secrets sealed with a TOTP_ENCRYPTION_KEY_PREVIOUS key, now sealed with the current key. */
  resealed: number;
  /** Secrets no configured key opens (key ids), left as they are. */
  unreadable: { userId: string; keyId: string | null }[];
}

/**
 * Run at every start (lib/startup/prepare-database.ts): seals the secrets still
 * stored in plain base32 (written before encryption at rest) and re-seals those
 * under a previous key with the current one, in one transaction with the rows
 * locked, so two instances starting together do not both rewrite a row. Rows
 * that no configured key opens are reported, not touched: the caller refuses
 * to start, since every such account could no longer sign in.
 */
export async function sealStoredTotpSecrets(db: Db, keyring: TotpKeyring): Promise<TotpSealReport> {
  const currentId = totpKeyId(keyring.current);
  return db.transaction(async (tx) => {
    const rows = await tx.select({ id: users.id, totpSecret: users.totpSecret }).from(users).where(isNotNull(users.totpSecret)).for("update");
    const report: TotpSealReport = { sealed: 0, resealed: 0, unreadable: [] };
    for (const row of rows) {
      const stored = row.totpSecret!;
      const keyId = sealedKeyId(stored);
      if (keyId === currentId) continue;
      let plain: string;
      try {
        plain = openTotpSecret(stored, row.id, keyring);
      } catch (err) {
        if (!(err instanceof TotpSecretUnreadableError)) throw err;
        report.unreadable.push({ userId: row.id, keyId });
        continue;
      }
      await tx.update(users).set({ totpSecret: sealTotpSecret(plain, row.id, keyring) }).where(eq(users.id, row.id));
      if (keyId === null) report.sealed++;
      else report.resealed++;
    }
    if (report.sealed || report.resealed) {
      await recordAudit(tx, systemActor("startup"), {
        action: "auth.totp_secrets_sealed",
        details: { sealed: report.sealed, resealed: report.resealed, keyId: currentId },
      });
    }
    return report;
  });
}

/** The one line the app refuses to start with when secrets are unreadable, or null. */
export function unreadableTotpMessage(report: TotpSealReport, keyring: TotpKeyring): string | null {
  if (!report.unreadable.length) return null;
  const keyIds = [...new Set(report.unreadable.map((u) => u.keyId ?? "?"))].join(", ");
  return (
    `${report.unreadable.length} staff second-factor secret(s) are encrypted with key id(s) ${keyIds}, but TOTP_ENCRYPTION_KEY is key ${totpKeyId(keyring.current)}` +
    ` and TOTP_ENCRYPTION_KEY_PREVIOUS holds ${keyring.previous.map(totpKeyId).join(", ") || "nothing"}: set the key they were encrypted with` +
    " (README, Deploying: rotating the TOTP key)"
  );
}
