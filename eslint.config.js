import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", "build-*/", "node_modules/", ".data/", "test-results/", "playwright-report/", "db/migrations/", "bench/results/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: "User text is never rendered as HTML.",
        },
      ],
    },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.configs.recommended.rules,
    },
  },
  {
    files: ["tests/**/*.ts"],
    rules: {
      // Black-box tests read JSON bodies whose shape is what they assert.
      "@typescript-eslint/no-explicit-any": "off",
      "no-restricted-properties": [
        "error",
        { object: "it", property: "only", message: "A focused test silences the rest of the suite." },
        { object: "describe", property: "only", message: "A focused test silences the rest of the suite." },
        { object: "test", property: "only", message: "A focused test silences the rest of the suite." },
      ],
    },
  },
);
