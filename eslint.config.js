// ESLint for the TypeScript helper (flat config): ESLint's and typescript-eslint's
// recommended rules. Formatting is Prettier's (.prettierrc.json); generated tables are
// neither linted nor formatted (see .prettierignore).
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores([
    "bazel-*/",
    "node_modules/",
    "e2e/",
    "docs/",
    "tools/lib/validate/schemas/data/",
    "tools/lib/validate/funcs/table.ts",
    "tools/lib/validate/rules/utils/base-images/data.ts",
    "tools/lib/validate/packer-versions-data.ts",
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      // `_` names a value a destructuring or a callback must take but does not use.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
    languageOptions: {
      globals: { console: "readonly", process: "readonly", performance: "readonly", TextEncoder: "readonly", TextDecoder: "readonly", URL: "readonly" },
    },
  },
);
