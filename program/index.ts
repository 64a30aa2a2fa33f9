/** The root Pulumi program: the models and datasets declared in Pulumi.<stack>.yaml. */
import * as path from "node:path";
import { declareStackFromConfig } from "pulumi-cohere-finetuning";

export = declareStackFromConfig({ baseDir: path.join(__dirname, "..") });
