// A Cohere dataset and two fine-tuned models trained on it, through the cohere provider plugin.
package main

import (
	"github.com/cohere-pulumi/pulumi-cohere-finetuning/sdk/go/cohere"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")

		// An explicit provider: every resource below names it, with its own key, endpoint and retrain guard.
		provider, err := cohere.NewProvider(ctx, "cohere", &cohere.ProviderArgs{
			ApiKey:       cfg.RequireSecret("cohereApiKey"),
			BaseUrl:      pulumi.String(cfg.Get("cohereBaseUrl")),
			AllowRetrain: pulumi.Bool(cfg.GetBool("allowRetrain")),
		})
		if err != nil {
			return err
		}
		// A training takes hours at Cohere: the create waits that long before it counts as failed.
		trains := []pulumi.ResourceOption{pulumi.Provider(provider), pulumi.Timeouts(&pulumi.CustomTimeouts{Create: "6h"})}

		dataset, err := cohere.NewDataset(ctx, "support-chat", &cohere.DatasetArgs{
			Type:     cohere.DatasetTypeChatFinetuneInput,
			DataFile: pulumi.String("data/support-chat.jsonl"), // relative to this project's directory
		}, pulumi.Provider(provider))
		if err != nil {
			return err
		}

		supportBot, err := cohere.NewFinetunedModel(ctx, "support-bot", &cohere.FinetunedModelArgs{
			Settings: &cohere.SettingsArgs{
				BaseModel: &cohere.BaseModelArgs{BaseType: cohere.BaseTypeChat},
				DatasetId: dataset.ID(),
				Hyperparameters: &cohere.HyperparametersArgs{
					TrainEpochs:       pulumi.Int(1),
					LearningRate:      pulumi.Float64(0.01),
					LoraTargetModules: cohere.LoraTargetModulesQv,
				},
				Wandb: &cohere.WandbArgs{Project: pulumi.String("support-bot"), ApiKey: cfg.RequireSecret("wandbApiKey")},
			},
			QualityGate: &cohere.QualityGateArgs{MinAccuracy: pulumi.Float64(0.6)},
		}, trains...)
		if err != nil {
			return err
		}

		triageBot, err := cohere.NewFinetunedModel(ctx, "triage-bot", &cohere.FinetunedModelArgs{
			Name: pulumi.String("triage-bot"),
			Settings: &cohere.SettingsArgs{
				BaseModel:       &cohere.BaseModelArgs{BaseType: cohere.BaseTypeChat},
				DatasetId:       dataset.ID(),
				Hyperparameters: &cohere.HyperparametersArgs{TrainEpochs: pulumi.Int(2), TrainBatchSize: pulumi.Int(8)},
			},
			// This model may be retrained even while the provider forbids it for the rest of the stack.
			AllowRetrain: pulumi.Bool(true),
		}, trains...)
		if err != nil {
			return err
		}

		ctx.Export("datasetId", dataset.ID())
		ctx.Export("supportBotInferenceModel", supportBot.InferenceModelName)
		ctx.Export("supportBotAccuracy", supportBot.TrainingMetrics.MapIndex(pulumi.String("accuracy")))
		ctx.Export("triageBotInferenceModel", triageBot.InferenceModelName)
		return nil
	})
}
