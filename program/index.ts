/** The root Pulumi program: the models and datasets declared in Pulumi.<stack>.yaml. */
import { declareStackFromConfig } from "./declareStack";

export = declareStackFromConfig();
