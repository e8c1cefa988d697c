//! The chat client: OpenAI-compatible chat completions through `async-openai`, with a timeout per
//! request, retries with exponential backoff, a request budget and bounded concurrency.
//!
//! The client owns a small tokio runtime, so callers stay synchronous: [`LlmClient::complete_all`]
//! runs a batch of requests concurrently (at most [`LlmConfig::concurrency`] in flight) and
//! returns one result per request, in order. Called from inside a tokio runtime, it fails every
//! request (with [`LlmError::Setup`]) rather than block one.
//!
//! Each HTTP attempt counts against the budget ([`LlmConfig::max_requests`]); once it is spent,
//! requests fail at once with [`LlmError::Budget`]. Rate limits (429), server errors (5xx) and
//! transport errors (connection refused or reset) are retried after `backoff`, `2 × backoff`,
//! `4 × backoff`…, at most [`LlmConfig::retries`] times; a request that runs past
//! [`LlmConfig::timeout`] is not retried (its time is spent), nor are other client errors (4xx)
//! and replies that are not a chat completion. Failures are counted in [`LlmStats`].

use async_openai::config::OpenAIConfig;
use async_openai::error::OpenAIError;
use async_openai::middleware::ReqwestService;
use async_openai::types::chat::{
    ChatCompletionRequestMessage, ChatCompletionRequestSystemMessage, ChatCompletionRequestUserMessage,
    CreateChatCompletionRequest, ResponseFormat,
};
use async_openai::Client;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use thiserror::Error;
use tokio::sync::Semaphore;

/// Where the model is and how to talk to it.
#[derive(Clone, Debug, PartialEq)]
pub struct LlmConfig {
    /// The server's API base, e.g. `https://api.openai.com/v1` or `http://127.0.0.1:8089/v1`.
    pub base_url: String,
    /// The model name sent with every request.
    pub model: String,
    /// The environment variable holding the API key (`OPENAI_API_KEY` by default); when it is
    /// unset, requests carry no key (local servers need none).
    pub api_key_env: String,
    /// How long one HTTP attempt may take.
    pub timeout: Duration,
    /// How many times a failed attempt (429, 5xx, transport error) is retried.
    pub retries: u32,
    /// The wait before the first retry; it doubles at each retry.
    pub backoff: Duration,
    /// The most HTTP attempts this client makes in its life (`None`: no limit). The session
    /// makes one client per game, so this is a budget per game.
    pub max_requests: Option<u64>,
    /// The most requests in flight at once.
    pub concurrency: usize,
    /// Sampling temperature.
    pub temperature: f32,
    /// The most tokens one reply may have.
    pub max_tokens: u32,
}

impl LlmConfig {
    /// Whether the configuration is usable: an `http(s)://` base URL, a model name, a timeout and
    /// some concurrency.
    pub fn check(&self) -> Result<(), LlmError> {
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            return Err(LlmError::Setup(format!(
                "LLM base URL {:?}: must start with http:// or https://",
                self.base_url
            )));
        }
        if self.model.trim().is_empty() {
            return Err(LlmError::Setup("LLM model: must not be empty".into()));
        }
        if self.timeout.is_zero() {
            return Err(LlmError::Setup("LLM timeout: must be positive".into()));
        }
        if self.concurrency == 0 {
            return Err(LlmError::Setup("LLM concurrency: must be at least 1".into()));
        }
        Ok(())
    }

    /// A configuration with the defaults for everything but the server and the model: key from
    /// `OPENAI_API_KEY`, 30 s timeout, 2 retries from 500 ms, no budget, 4 at once, temperature
    /// 0.7, 200 tokens.
    pub fn new(base_url: &str, model: &str) -> LlmConfig {
        LlmConfig {
            base_url: base_url.trim_end_matches('/').to_string(),
            model: model.to_string(),
            api_key_env: "OPENAI_API_KEY".to_string(),
            timeout: Duration::from_secs(30),
            retries: 2,
            backoff: Duration::from_millis(500),
            max_requests: None,
            concurrency: 4,
            temperature: 0.7,
            max_tokens: 200,
        }
    }
}

/// Why a request gave no reply.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum LlmError {
    /// The request budget is spent.
    #[error("the request budget ({0} requests) is spent")]
    Budget(u64),
    /// The attempt ran past the timeout.
    #[error("no reply within {0:?}")]
    Timeout(Duration),
    /// The server answered with an error status.
    #[error("server answered {status}: {message}")]
    Status {
        /// The HTTP status.
        status: u16,
        /// The error message, as the server gave it.
        message: String,
    },
    /// The connection failed (refused, reset, unreadable).
    #[error("transport error: {0}")]
    Transport(String),
    /// The reply was not a chat completion.
    #[error("malformed reply: {0}")]
    Malformed(String),
    /// The reply had no choice, or an empty message.
    #[error("empty reply")]
    Empty,
    /// The request could not be built or the runtime could not start.
    #[error("{0}")]
    Setup(String),
}

impl LlmError {
    /// Whether the attempt is worth retrying: rate limits, server errors, transport errors.
    pub fn retryable(&self) -> bool {
        match self {
            LlmError::Status { status, .. } => *status == 429 || *status >= 500,
            LlmError::Transport(_) => true,
            _ => false,
        }
    }
}

/// What a client has done so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LlmStats {
    /// HTTP attempts made (each counts against the budget).
    pub attempts: u64,
    /// Attempts that were retries.
    pub retries: u64,
    /// Requests answered with a non-empty message.
    pub replies: u64,
    /// Requests that failed in the end (after any retries), budget refusals included.
    pub failures: u64,
    /// Requests refused because the budget was spent.
    pub over_budget: u64,
    /// Attempts that timed out.
    pub timeouts: u64,
}

/// One chat request: a system prompt and a user message.
#[derive(Clone, Debug, PartialEq)]
pub struct ChatRequest {
    /// The system prompt: who we are and the rules.
    pub system: String,
    /// The user message: the task and its data.
    pub user: String,
    /// Whether the reply must be a JSON object (`response_format: json_object`).
    pub json: bool,
    /// The sampling seed sent to the server.
    pub seed: i64,
}

/// An OpenAI-compatible chat client (see the [module documentation](self)).
pub struct LlmClient {
    config: LlmConfig,
    client: Client<OpenAIConfig>,
    /// Always `Some` until dropped (then shut down without blocking, so that dropping a client
    /// inside an async context cannot panic).
    runtime: Option<tokio::runtime::Runtime>,
    limit: Semaphore,
    attempts: AtomicU64,
    retries: AtomicU64,
    replies: AtomicU64,
    failures: AtomicU64,
    over_budget: AtomicU64,
    timeouts: AtomicU64,
}

impl std::fmt::Debug for LlmClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LlmClient").field("config", &self.config).field("stats", &self.stats()).finish()
    }
}

impl LlmClient {
    /// A client for `config`; reads the API key from `config.api_key_env` now. Fails when the
    /// configuration is unusable (an empty base URL or model, no concurrency) or the runtime
    /// cannot start.
    pub fn new(config: LlmConfig) -> Result<LlmClient, LlmError> {
        config.check()?;
        let key = std::env::var(&config.api_key_env).unwrap_or_default();
        let openai = OpenAIConfig::new().with_api_base(&config.base_url).with_api_key(key);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("legate-llm")
            .enable_all()
            .build()
            .map_err(|e| LlmError::Setup(format!("starting the LLM client's runtime: {e}")))?;
        Ok(LlmClient {
            limit: Semaphore::new(config.concurrency),
            // The plain transport, without async-openai's own retry layer: retries happen here,
            // where they are counted and charged to the budget.
            client: Client::with_config(openai).with_http_service(ReqwestService::default()),
            config,
            runtime: Some(runtime),
            attempts: AtomicU64::new(0),
            retries: AtomicU64::new(0),
            replies: AtomicU64::new(0),
            failures: AtomicU64::new(0),
            over_budget: AtomicU64::new(0),
            timeouts: AtomicU64::new(0),
        })
    }

    /// What the client has done so far.
    pub fn stats(&self) -> LlmStats {
        LlmStats {
            attempts: self.attempts.load(Ordering::Relaxed),
            retries: self.retries.load(Ordering::Relaxed),
            replies: self.replies.load(Ordering::Relaxed),
            failures: self.failures.load(Ordering::Relaxed),
            over_budget: self.over_budget.load(Ordering::Relaxed),
            timeouts: self.timeouts.load(Ordering::Relaxed),
        }
    }

    /// Runs `requests` concurrently and returns each one's reply text (trimmed, non-empty) or
    /// why there is none, in the order given.
    pub fn complete_all(&self, requests: &[ChatRequest]) -> Vec<Result<String, LlmError>> {
        if tokio::runtime::Handle::try_current().is_ok() {
            let why = LlmError::Setup("the LLM client was called from inside an async runtime".into());
            return vec![Err(why); requests.len()];
        }
        let Some(runtime) = &self.runtime else { return Vec::new() };
        runtime.block_on(futures::future::join_all(requests.iter().map(|r| self.complete(r))))
    }

    /// Takes one attempt from the budget, if any is left.
    fn take_attempt(&self) -> Result<(), LlmError> {
        let n = self.attempts.fetch_add(1, Ordering::Relaxed);
        match self.config.max_requests {
            Some(max) if n >= max => {
                self.attempts.fetch_sub(1, Ordering::Relaxed);
                self.over_budget.fetch_add(1, Ordering::Relaxed);
                Err(LlmError::Budget(max))
            }
            _ => Ok(()),
        }
    }

    /// One request, with its retries.
    async fn complete(&self, request: &ChatRequest) -> Result<String, LlmError> {
        let result = self.attempt_all(request).await;
        match &result {
            Ok(_) => self.replies.fetch_add(1, Ordering::Relaxed),
            Err(_) => self.failures.fetch_add(1, Ordering::Relaxed),
        };
        result
    }

    async fn attempt_all(&self, request: &ChatRequest) -> Result<String, LlmError> {
        let _permit = self.limit.acquire().await.map_err(|e| LlmError::Setup(e.to_string()))?;
        let body = self.request(request);
        let mut wait = self.config.backoff;
        let mut retry = 0;
        loop {
            self.take_attempt()?;
            let outcome = match tokio::time::timeout(self.config.timeout, self.client.chat().create(body.clone())).await
            {
                Err(_) => {
                    self.timeouts.fetch_add(1, Ordering::Relaxed);
                    Err(LlmError::Timeout(self.config.timeout))
                }
                Ok(Err(e)) => Err(classify(e)),
                Ok(Ok(reply)) => reply
                    .choices
                    .into_iter()
                    .next()
                    .and_then(|c| c.message.content)
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .ok_or(LlmError::Empty),
            };
            match outcome {
                Err(e) if e.retryable() && retry < self.config.retries => {
                    retry += 1;
                    self.retries.fetch_add(1, Ordering::Relaxed);
                    tokio::time::sleep(wait).await;
                    wait = wait.saturating_mul(2);
                }
                other => return other,
            }
        }
    }

    /// The request body for `request`. OpenAI marks `seed` deprecated; local servers
    /// (llama.cpp, vLLM, ours) still use it, and it makes candidates reproducible there.
    #[allow(deprecated)]
    fn request(&self, request: &ChatRequest) -> CreateChatCompletionRequest {
        let messages: Vec<ChatCompletionRequestMessage> = vec![
            ChatCompletionRequestSystemMessage::from(request.system.as_str()).into(),
            ChatCompletionRequestUserMessage::from(request.user.as_str()).into(),
        ];
        CreateChatCompletionRequest {
            model: self.config.model.clone(),
            messages,
            temperature: Some(self.config.temperature),
            max_completion_tokens: Some(self.config.max_tokens),
            seed: Some(request.seed),
            response_format: request.json.then_some(ResponseFormat::JsonObject),
            ..Default::default()
        }
    }
}

impl Drop for LlmClient {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// The error of an attempt, in our terms.
fn classify(e: OpenAIError) -> LlmError {
    match e {
        OpenAIError::ApiError(r) => LlmError::Status {
            status: r.status_code.as_u16(),
            message: r.api_error.message.chars().take(200).collect(),
        },
        OpenAIError::Reqwest(e) => match e.status() {
            Some(s) => LlmError::Status { status: s.as_u16(), message: e.to_string() },
            None if e.is_decode() => LlmError::Malformed(e.to_string()),
            None => LlmError::Transport(e.to_string()),
        },
        OpenAIError::JSONDeserialize(e, content) => {
            LlmError::Malformed(format!("{e} in {:?}", content.chars().take(120).collect::<String>()))
        }
        other => LlmError::Malformed(other.to_string()),
    }
}
