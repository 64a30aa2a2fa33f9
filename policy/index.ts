/** The `cohere-policies` policy pack: `pulumi preview --policy-pack <dir>` runs it (see README.md, "Policy pack"). */
import { PolicyPack } from "@pulumi/policy";
import { recordEngineRequests } from "./engineRequests";
import { policies } from "./policies";

recordEngineRequests();

new PolicyPack("cohere-policies", { policies });
