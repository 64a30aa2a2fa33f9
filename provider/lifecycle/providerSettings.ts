/**
 * The settings of a `cohere` provider, each declared once: stack config `cohere:<key>` for the default provider,
 * the inputs of an explicit provider. Its type, parsing, the schema's config and the README's table come from here.
 */
import { DEFAULT_BASE_URL, DEFAULT_CLIENT_NAME } from "../cohere/httpClient";
import type { FieldTable, ValuesOf } from "../fields/field";

export const providerSettingFields = {
  apiKey: { type: "string", secret: true, environment: "CO_API_KEY", doc: "The Cohere API key." },
  baseUrl: {
    type: "string",
    environment: "CO_API_URL",
    default: DEFAULT_BASE_URL,
    doc: "The base URL of the Cohere API, or of a Cohere-compatible endpoint such as the bundled emulator.",
  },
  clientName: {
    type: "string",
    default: DEFAULT_CLIENT_NAME,
    doc: "The `X-Client-Name` header sent with every request.",
  },
  allowRetrain: {
    type: "boolean",
    default: "true",
    doc:
      "`false` makes every change that would start a new (paid) training fail at preview, unless the model sets " +
      "`allowRetrain: true`; creating a model that does not exist yet is always allowed.",
  },
  maxTrainingTokens: {
    type: "integer",
    min: 1,
    doc:
      "The most tokens (trainable tokens × epochs) one training of any model may process, unless the model sets " +
      "its own `maxTrainingTokens`. A training over it fails at preview when its dataset's size is known, " +
      "otherwise before its create is sent; never once it has started.",
  },
  maxTrainingTokensPerUpdate: {
    type: "integer",
    min: 1,
    doc:
      "The most tokens all the trainings one `pulumi up` starts may process together. An update over it fails at " +
      "preview when the datasets' sizes are known; otherwise each training that would pass it fails before its " +
      "create is sent.",
  },
  skipCredentialsValidation: {
    type: "boolean",
    default: "false",
    doc:
      "`true` skips the one read per provider with which a preview that would create, update or replace something " +
      "first checks that Cohere accepts the API key (a rejected key then fails only the update).",
  },
} as const satisfies FieldTable;

export type ProviderSettingKey = keyof typeof providerSettingFields;

export const providerSettingKeys = Object.keys(providerSettingFields) as ProviderSettingKey[];

/** The settings as configured, each parsed to its type; unset ones absent. */
export type ConfiguredConnection = ValuesOf<typeof providerSettingFields>;
