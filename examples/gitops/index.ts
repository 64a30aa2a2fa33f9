// The models are declared in Pulumi.prod.yaml; a pull request that edits it gets a preview comment.
import { declareStackFromConfig } from "pulumi-cohere-finetuning";

export = declareStackFromConfig({ baseDir: __dirname });
