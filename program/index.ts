/** The root Pulumi program: the models and datasets declared in Pulumi.<stack>.yaml. */
import * as path from "node:path";
import { declareStackFromConfig } from "../provider";

export = declareStackFromConfig({ baseDir: path.join(__dirname, "..") });
