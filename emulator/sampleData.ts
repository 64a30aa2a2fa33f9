/** A valid `chat-finetune-input` JSONL file of `examples` conversations, for tests and benchmarks. */
export function chatJsonl(examples: number): string {
  const line = (i: number) =>
    JSON.stringify({
      messages: [
        { role: "System", content: "You are a helpful support agent." },
        { role: "User", content: `How do I reset my password? (${i})` },
        { role: "Chatbot", content: "Open Settings, choose Security, then Reset password." },
      ],
    });
  return Array.from({ length: examples }, (_, i) => line(i)).join("\n") + "\n";
}
