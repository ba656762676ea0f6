/**
 * Text messages through a provider. One implementation: the Twilio Messages
 * API shape (POST {base}/2010-04-01/Accounts/{sid}/Messages.json, form-encoded
 * To/From/Body, HTTP Basic auth with the account SID and auth token), which
 * several providers speak. Configured by SMS_API_URL, SMS_ACCOUNT_SID,
 * SMS_AUTH_TOKEN and SMS_FROM; without them there is no SMS sender.
 */
export interface SmsSender {
  /** Resolves with the provider's message id; rejects with a readable reason. */
  send(message: { to: string; body: string }): Promise<string>;
}

export interface TwilioCompatibleConfig {
  apiUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
  timeoutMs?: number;
}

export function createTwilioCompatibleSms(config: TwilioCompatibleConfig): SmsSender {
  const base = config.apiUrl.replace(/\/+$/, "");
  const endpoint = `${base}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const auth = Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64");
  return {
    async send({ to, body }) {
      const res = await fetch(endpoint, {
        method: "POST",
        headers: { authorization: `Basic ${auth}`, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: new URLSearchParams({ To: to, From: config.from, Body: body }).toString(),
        signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
      });
      const data = (await res.json().catch(() => null)) as { sid?: string; message?: string; code?: number } | null;
      if (!res.ok) throw new Error(`SMS provider answered ${res.status}${data?.message ? `: ${data.message}` : ""}`);
      if (!data?.sid) throw new Error("SMS provider answered without a message sid");
      return data.sid;
    },
  };
}

/** US numbers as registrants type them ("708-555-0100") to E.164; other input kept if already +E.164. */
export function toE164(phone: string): string | null {
  const trimmed = phone.trim();
  if (/^\+[1-9]\d{7,14}$/.test(trimmed.replace(/[\s().-]/g, ""))) return trimmed.replace(/[\s().-]/g, "");
  const digits = trimmed.replace(/\D/g, "");
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith("1")) return `+${digits}`;
  return null;
}
