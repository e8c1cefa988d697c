//! Talkers' language models: a writer and perhaps a reader on one client per talker (or per
//! game), built from the command line or a tournament bot's settings (see `docs/llm.md`).

use legate_dialogue::llm::{LlmClient, LlmConfig, LlmError, LlmReader, LlmWriter};
use std::sync::Arc;

/// A talker's language model: its writer and, when it reads with the model too, its reader (one
/// client, so one request budget, for both).
#[derive(Debug)]
pub struct TalkerLlm {
    /// The writer.
    pub writer: LlmWriter,
    /// The reader, when messages are read with the model.
    pub reader: Option<LlmReader>,
}

impl TalkerLlm {
    /// A model for talkers from `config`, reading with it too when `read`.
    pub fn new(config: LlmConfig, read: bool) -> Result<Arc<TalkerLlm>, LlmError> {
        let client = Arc::new(LlmClient::new(config)?);
        let reader = read.then(|| LlmReader::new(client.clone()));
        Ok(Arc::new(TalkerLlm { writer: LlmWriter::new(client), reader }))
    }

    /// One line on what the model did: requests, retries, failures, candidates written and
    /// fallen back, and how many of `sent` (message texts) it wrote.
    pub fn summary<'t>(&self, sent: impl IntoIterator<Item = &'t str>) -> String {
        let stats = self.writer.client().stats();
        let w = self.writer.report();
        let (total, by_model) =
            sent.into_iter().fold((0, 0), |(t, m), text| (t + 1, m + usize::from(self.writer.wrote(text))));
        let reasons: Vec<String> = w.fallbacks.iter().map(|(why, n)| format!("{n} {why}")).collect();
        let mut line = format!(
            "llm: {} requests ({} retries, {} timeouts, {} failed, {} over budget); {} candidates asked, {} from the model, {} offline ({}); {by_model} of {total} messages sent were the model's",
            stats.attempts,
            stats.retries,
            stats.timeouts,
            stats.failures,
            stats.over_budget,
            w.requested,
            w.from_model,
            w.fallback_count(),
            if reasons.is_empty() { "none".to_string() } else { reasons.join(", ") },
        );
        if let Some(r) = self.reader.as_ref().map(LlmReader::report) {
            line.push_str(&format!(
                "; reader: {} read by the model ({} claims dropped), {} by rule",
                r.from_model,
                r.dropped,
                r.fallbacks.values().sum::<u64>()
            ));
        }
        line
    }
}

/// The model settings of a talker from the command line or a bot definition: the server, the
/// model, the variable holding the API key (`OPENAI_API_KEY` when `None`), the timeout per request
/// in seconds (30 when `None`) and the most requests per game (no limit when `None`). Errors say
/// which setting is wrong and why.
pub fn llm_config(
    base_url: &str,
    model: &str,
    api_key_env: Option<&str>,
    timeout: Option<f64>,
    max_requests: Option<u64>,
) -> Result<LlmConfig, String> {
    let mut config = LlmConfig::new(base_url, model);
    if let Some(var) = api_key_env {
        if var.is_empty() || var.contains('=') {
            return Err(format!("API key variable {var:?}: must be a variable name"));
        }
        config.api_key_env = var.to_string();
    }
    if let Some(t) = timeout {
        if !t.is_finite() || t <= 0.0 || t > 3600.0 {
            return Err(format!("timeout: must be a number of seconds in (0, 3600], not {t}"));
        }
        config.timeout = std::time::Duration::from_secs_f64(t);
    }
    config.max_requests = max_requests;
    config.check().map_err(|e| e.to_string())?;
    Ok(config)
}
