// Everything this project deploys is declared in Pulumi.<stack>.yaml.
import { declareStackFromConfig } from "pulumi-cohere-finetuning";

export = declareStackFromConfig({ baseDir: __dirname });
