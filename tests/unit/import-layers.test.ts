/**
 * `npm run lint` fails on an import that runs back up the layers
 * (app → components → lib → db only), through the alias and through a
 * relative path alike, and lets downward imports through.
 */
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const eslint = new ESLint({ cwd: ROOT });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.filter((m) => m.ruleId === "import/no-restricted-paths").map((m) => m.message);
}

describe("import layers lint rule", () => {
  it.each([
    ["lib importing a component's module", "lib/investigation/fixture-upward.ts", 'import { AddressSearch } from "@/components/investigation/address-search";\nexport const x = AddressSearch;\n'],
    ["lib importing from app", "lib/canvass/fixture-upward.ts", 'import { GET } from "@/app/api/health/route";\nexport const x = GET;\n'],
    ["components importing a server action from app", "components/auth/fixture-upward.tsx", 'import { startAccountEnrolment } from "@/app/(staff)/account/actions";\nexport const x = startAccountEnrolment;\n'],
    ["db importing lib by a relative path", "db/fixture-upward.ts", 'import { env } from "../lib/env.js";\nexport const x = env;\n'],
  ])("fails on %s", async (_name, file, code) => {
    const errors = await layerErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/imports flow app → components → lib → db only/);
  }, 60_000);

  it.each([
    ["app importing components and lib", "app/(staff)/fixture-downward.tsx", 'import { AccountMfa } from "@/components/auth/account-mfa";\nimport { env } from "@/lib/env.js";\nexport const x = [AccountMfa, env];\n'],
    ["components importing lib", "components/map/fixture-downward.ts", 'import { fetchJson } from "@/lib/http/fetch-json";\nexport const x = fetchJson;\n'],
    ["lib importing db", "lib/geo/fixture-downward.ts", 'import { parseEwkbHex } from "@/db/ewkb";\nexport const x = parseEwkbHex;\n'],
    ["db importing db", "db/fixture-downward.ts", 'import { databaseConfig } from "./config.js";\nexport const x = databaseConfig;\n'],
  ])("lets through %s", async (_name, file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  }, 60_000);
});
