import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  { ignores: ["node_modules/**", ".next/**", ".data/**", "test-results/**", "drizzle/**", "next-env.d.ts"] },
];

export default config;
