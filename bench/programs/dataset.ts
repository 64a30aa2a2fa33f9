/** One Dataset uploaded from a local training file, as a user declares it; the bench sets the file's path in config. */
import * as pulumi from "@pulumi/pulumi";
import { Dataset, DatasetType } from "pulumi-cohere-finetuning";

new Dataset("training-data", {
  type: DatasetType.ChatFinetuneInput,
  dataFile: new pulumi.Config("bench").require("dataFile"),
});
