import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["**/node_modules/", "**/dist/", "**/*.js", "**/*.mjs", "examples/*/sdks/", "examples/*/venv/"],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["provider/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[property.name=/^toLocale/], Identifier[name='Intl']",
          message: "Locale formatting loads ICU data: about 7 MiB more in the provider process.",
        },
      ],
    },
  },
);
