/**
 * Shared pieces of the fault tests: a database prepared for registrations
 * (address points to geocode against, and one registration so the embedded
 * app does not seed the demo at start), the app's environment, and a stream
 * of public registrations that records exactly which ones were answered.
 */
import type { Db } from "../../db/client";
import { postRegistration } from "../../lib/registration/post-registration";
import { registrationPayload, ungeocodableAddress, type PayloadAddress } from "../../scripts/support/registration-payloads";
import { registrationDeps, jsonRequest } from "../support/registration-deps";
import { createAddressPoint, validRegistration } from "../support/factories";

/**
 * One address point per row the fault tests send, none of them the address
 * prepareRegistrationData registers first (10300): a second public or imported
 * registration at an address already registered is held for review as a
 * likely duplicate, which these tests are not about.
 */
export const GEOCODABLE: PayloadAddress[] = Array.from({ length: 40 }, (_, i) => ({
  line1: `${10302 + 2 * i} W Roosevelt Rd`,
  city: "Westchester",
  state: "IL",
  zip: "60154",
}));

export async function prepareRegistrationData(db: Db): Promise<void> {
  for (const [i, a] of GEOCODABLE.entries()) await createAddressPoint(db, { addNumber: Number(a.line1.split(" ")[0]), location: [-87.878 - i * 0.0002, 41.866] });
  const response = await postRegistration(jsonRequest(validRegistration({ owner: { name: "Already There", phone: "708-555-0100", email: "already@example.com" } })), registrationDeps(db));
  if (response.status !== 201) throw new Error(`could not pre-register: ${response.status}`);
}

/**
 * The app's environment for a test database (`location` is a data directory or
 * a database URL). `runtimeRoleUrl`: on the server, connect as that runtime role
 * (scripts/support/runtime-role.ts) instead of the owner, refusing to start as
 * anything stronger, as a deployment does.
 */
export function appEnvFor(location: string, runtimeRoleUrl?: string): Record<string, string> {
  const server = location.startsWith("postgres");
  return {
    DATABASE_URL: server ? (runtimeRoleUrl ?? location) : "",
    ...(server && runtimeRoleUrl ? { DATABASE_ROLE_CHECK: "refuse" } : {}),
    DATA_DIR: server ? "" : location,
    RATE_LIMIT_TRUSTED_NETWORKS: "127.0.0.1/32,::1/128",
    RATE_LIMIT_STORE: "memory",
    GEOCODER_PROVIDERS: "local",
    SMTP_URL: "",
    MFA_REQUIRED: "false",
  };
}

export interface RegistrationStream {
  sent: Set<string>;
  answered: Map<string, number>;
  created: Map<string, string>;
  cameras: Map<string, number>;
  /** Resolves once at least `n` registrations were answered 201. */
  reached(n: number): Promise<void>;
  /** Stop sending and wait for the writers (their in-flight requests end or fail). */
  stop(): Promise<void>;
}

export function streamRegistrations(baseUrl: string, tag: string, writers = 6): RegistrationStream {
  const stream = { sent: new Set<string>(), answered: new Map<string, number>(), created: new Map<string, string>(), cameras: new Map<string, number>() };
  let stopped = false;
  let next = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  const writer = async () => {
    while (!stopped) {
      const i = next++;
      const { body, email, cameras } = registrationPayload(tag, i, i % 5 === 4 ? ungeocodableAddress(i) : GEOCODABLE[i % GEOCODABLE.length]);
      stream.sent.add(email);
      stream.cameras.set(email, cameras);
      try {
        const res = await fetch(`${baseUrl}/api/registrations`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        // Answered only once the whole body arrived: a 201 cut off mid-body never reached the client.
        const text = await res.text();
        stream.answered.set(email, res.status);
        if (res.status === 201) stream.created.set(email, (JSON.parse(text) as { id: string }).id);
        for (const w of waiters.filter((w) => stream.created.size >= w.n)) w.resolve();
      } catch {
        // The app went away mid-request: this one stays "sent, never answered".
        return;
      }
    }
  };
  const running = Promise.all(Array.from({ length: writers }, writer));
  return {
    ...stream,
    reached: (n) => (stream.created.size >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}
