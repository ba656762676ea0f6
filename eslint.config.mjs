import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * Imports flow app → components → lib → db only: a module may import from its
 * own layer or one below, never above (tests/unit/import-layers.test.ts shows
 * this failing on an upward import). Types go with their owner, server actions
 * are passed into components as props, and db/ keeps its own configuration.
 */
const LAYERS_MESSAGE = "imports flow app → components → lib → db only; move the shared piece down or pass it in";
const importLayers = {
  files: ["app/**", "components/**", "lib/**", "db/**"],
  rules: {
    "import/no-restricted-paths": [
      "error",
      {
        zones: [
          { target: "./db", from: ["./lib", "./components", "./app"], message: LAYERS_MESSAGE },
          { target: "./lib", from: ["./components", "./app"], message: LAYERS_MESSAGE },
          { target: "./components", from: "./app", message: LAYERS_MESSAGE },
        ],
      },
    ],
  },
};

const config = [
  ...next,
  ...nextTs,
  importLayers,
  { ignores: ["node_modules/**", ".next/**", ".data/**", "test-results/**", "drizzle/**", "next-env.d.ts"] },
];

export default config;
