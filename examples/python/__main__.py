"""A Cohere dataset and two fine-tuned models trained on it, through the cohere provider plugin."""
import pulumi
import pulumi_cohere as cohere

config = pulumi.Config()

# An explicit provider: every resource below names it, with its own key, endpoint and retrain guard.
provider = cohere.Provider(
    "cohere",
    api_key=config.require_secret("cohereApiKey"),
    base_url=config.get("cohereBaseUrl"),
    allow_retrain=config.get_bool("allowRetrain") or False,
)
on_cohere = pulumi.ResourceOptions(provider=provider)
# A training takes hours at Cohere: the create waits that long before it counts as failed.
trains = pulumi.ResourceOptions(provider=provider, custom_timeouts=pulumi.CustomTimeouts(create="6h"))

dataset = cohere.Dataset(
    "support-chat",
    type=cohere.DatasetType.CHAT_FINETUNE_INPUT,
    data_file="data/support-chat.jsonl",  # relative to this project's directory
    opts=on_cohere,
)

support_bot = cohere.FinetunedModel(
    "support-bot",
    settings={
        "base_model": {"base_type": cohere.BaseType.CHAT},
        "dataset_id": dataset.id,
        "hyperparameters": {
            "train_epochs": 1,
            "learning_rate": 0.01,
            "lora_target_modules": cohere.LoraTargetModules.QV,
        },
        "wandb": {"project": "support-bot", "api_key": config.require_secret("wandbApiKey")},
    },
    quality_gate={"min_accuracy": 0.6},
    opts=trains,
)

triage_bot = cohere.FinetunedModel(
    "triage-bot",
    name="triage-bot",
    settings={
        "base_model": {"base_type": cohere.BaseType.CHAT},
        "dataset_id": dataset.id,
        "hyperparameters": {"train_epochs": 2, "train_batch_size": 8},
    },
    # This model may be retrained even while the provider forbids it for the rest of the stack.
    allow_retrain=True,
    opts=trains,
)

pulumi.export("datasetId", dataset.id)
pulumi.export("supportBotInferenceModel", support_bot.inference_model_name)
pulumi.export("supportBotAccuracy", support_bot.training_metrics.apply(lambda metrics: (metrics or {}).get("accuracy")))
pulumi.export("triageBotInferenceModel", triage_bot.inference_model_name)
