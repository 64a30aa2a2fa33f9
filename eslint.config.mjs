import tseslint from "typescript-eslint";

const localeFormatting = {
  selector: "MemberExpression[property.name=/^toLocale/], Identifier[name='Intl']",
  message: "Locale formatting loads ICU data: about 7 MiB more in the provider process.",
};

/**
 * A host's state lives in its context (provider/lifecycle/hostContext.ts), built by the host's entry point: no
 * module of the provider keeps any. Instances that hold nothing may be built once: a RegExp (its `lastIndex`
 * moves only with the g and y flags), a TextDecoder that never streams, and an AsyncLocalStorage, whose values
 * live in each asynchronous context.
 */
const moduleStateMessage =
  "Module-level state is process-wide: keep it in the host's context (lifecycle/hostContext.ts), built by the host's entry point.";
const statelessClasses = ":not([callee.name=/^(RegExp|TextDecoder|AsyncLocalStorage)$/])";

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
        localeFormatting,
        {
          selector:
            "Program > VariableDeclaration[kind!='const'], Program > ExportNamedDeclaration > VariableDeclaration[kind!='const']",
          message: moduleStateMessage,
        },
        {
          selector: `:matches(Program > VariableDeclaration, Program > ExportNamedDeclaration > VariableDeclaration) NewExpression:not(:function NewExpression)${statelessClasses}`,
          message: moduleStateMessage,
        },
      ],
    },
  },
  {
    // The hosts' entry points: each builds its host's one context.
    files: ["provider/providers.ts"],
    rules: {
      "no-restricted-syntax": ["error", localeFormatting],
    },
  },
);
