//! Language-model dialogue: a writer and a reader backed by any OpenAI-compatible chat server.
//!
//! - [`client`]: the chat client (`async-openai` on a small tokio runtime), with timeouts,
//!   retries with exponential backoff, a request budget and bounded concurrency;
//! - [`prompt`]: what the writer and the reader ask the model (and the reader's JSON schema);
//! - [`writer`]: [`LlmWriter`], whose candidates are read back by the rule reader and fall back to
//!   the offline writer whenever the model fails;
//! - [`reader`]: [`LlmReader`], whose claims are validated against the board and which falls
//!   back to the rule reader.
//!
//! The model never decides what is true: the writer's candidates go through the same filters as
//! the offline writer's, judged on what their text says, and the reader's claims are grounded on
//! the board before they become evidence. See `docs/llm.md` for how to run it.

pub mod client;
pub mod prompt;
pub mod reader;
pub mod writer;

pub use client::{ChatRequest, LlmClient, LlmConfig, LlmError, LlmStats};
pub use reader::{LlmReader, ReadReport};
pub use writer::{LlmWriter, WriteReport};
