import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** The import aliases of tsconfig.json's `paths`, which test code uses instead of long relative paths. */
const inRepo = (dir: string) => fileURLToPath(new URL(`./${dir}/`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^#console\//, replacement: inRepo("functions/console/src") },
      { find: /^#shared\//, replacement: inRepo("shared") },
      { find: /^#test\//, replacement: inRepo("test") },
    ],
  },
  test: {
    env: {
      POWERTOOLS_LOG_LEVEL: "CRITICAL",
      POWERTOOLS_METRICS_DISABLED: "true",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts", "test/api/**/*.test.ts"],
          globalSetup: ["test/support/dynamodb-global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/support/dynamodb-global-setup.ts", "test/support/console-build-setup.ts"],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // one Chromium at a time: the machines have two cores
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: "infra",
          include: ["test/infra/**/*.test.ts"],
          globalSetup: ["test/support/synth-global-setup.ts", "test/support/dynamodb-global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
