//! [`LlmWriter`]: candidate messages written by a language model, read back honestly, with the
//! offline writer behind it.
//!
//! For each message it sends `n` chat requests (one per candidate, each with its own seed),
//! concurrently; [`Writer::write_batch`] sends a whole talk round's requests at once. Each reply
//! is cleaned (its first paragraph kept, whitespace collapsed, wrapping quotes dropped); a reply longer than 400 characters
//! (the prompt asks for one to three short sentences) or with meta talk (instructions, prompts,
//! rules, being an AI or an assistant, "plain English", signatures…) is dropped; the rest is read
//! by the [`RuleReader`] as the recipient would read it: the candidate's press is what that reading
//! finds, not what the model was asked to say, so the filters judge the text itself. A candidate
//! slot whose request failed (server down, timeout, error status, malformed or empty reply,
//! budget spent), whose reply was dropped, or whose reply reads as no claim at all is filled by the [`OfflineWriter`]
//! instead, and counted in the [`WriteReport`] with its reason. When no candidate passes the
//! filters, [`Writer::fallback`] offers the offline writer. Nothing here waits past the client's
//! timeout and retries, and nothing panics on what the server says.

use crate::filter::Exchange;
use crate::llm::client::{ChatRequest, LlmClient, LlmError};
use crate::llm::prompt::{writer_system, writer_user};
use crate::read::{ReadContext, Reader, RuleReader};
use crate::write::{Author, Candidate, OfflineWriter, WriteContext, WriteRequest, Writer};
use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Mutex};

/// The most characters of a message written by the model.
const MAX_CHARS: usize = 400;

/// Words of meta talk (whole words, any case): a message about writing messages, not the game.
const META_WORDS: [&str; 10] =
    ["ai", "instruction", "instructions", "prompt", "prompts", "assistant", "system", "signature", "quote", "quotes"];
/// Phrases of meta talk.
const META_PHRASES: [&str; 6] =
    ["language model", "plain english", "the rules", "these rules", "write a message", "writing a message"];

/// What an [`LlmWriter`] has done so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Candidates asked of the model.
    pub requested: u64,
    /// Candidates the model wrote that read back as press (offered to the filters).
    pub from_model: u64,
    /// Candidates that fell back to the offline writer, by reason (`timeout`, `HTTP 500`,
    /// `budget spent`, `no claim read`…).
    pub fallbacks: BTreeMap<String, u64>,
}

impl WriteReport {
    /// How many candidates fell back to the offline writer.
    pub fn fallback_count(&self) -> u64 {
        self.fallbacks.values().sum()
    }
}

/// A writer backed by a language model (see the [module documentation](self)).
#[derive(Debug)]
pub struct LlmWriter {
    client: Arc<LlmClient>,
    offline: OfflineWriter,
    report: Mutex<WriteReport>,
    model_texts: Mutex<HashSet<String>>,
}

/// Why a candidate slot fell back, in a few words.
pub(crate) fn reason(e: &LlmError) -> String {
    match e {
        LlmError::Budget(_) => "budget spent".into(),
        LlmError::Timeout(_) => "timeout".into(),
        LlmError::Status { status, .. } => format!("HTTP {status}"),
        LlmError::Transport(_) => "transport error".into(),
        LlmError::Malformed(_) => "malformed reply".into(),
        LlmError::Empty => "empty reply".into(),
        LlmError::Setup(_) => "setup error".into(),
    }
}

/// A reply made fit to send (its first paragraph, whitespace collapsed, wrapping quotes dropped),
/// or why it is not.
fn clean(reply: &str) -> Result<String, &'static str> {
    let first = reply.trim().split("\n\n").next().unwrap_or_default();
    let flat = first.split_whitespace().collect::<Vec<_>>().join(" ");
    let quotes = [('"', '"'), ('“', '”'), ('\'', '\'')];
    let inner =
        quotes.iter().find_map(|(a, b)| flat.strip_prefix(*a).and_then(|s| s.strip_suffix(*b))).unwrap_or(&flat).trim();
    let lower = inner.to_lowercase();
    let meta = lower.split(|c: char| !c.is_alphanumeric()).any(|w| META_WORDS.contains(&w))
        || META_PHRASES.iter().any(|p| lower.contains(p));
    if inner.is_empty() {
        Err("empty reply")
    } else if inner.chars().count() > MAX_CHARS {
        Err("too long")
    } else if meta {
        Err("meta talk")
    } else {
        Ok(inner.to_string())
    }
}

impl LlmWriter {
    /// A writer using `client`.
    pub fn new(client: Arc<LlmClient>) -> LlmWriter {
        LlmWriter {
            client,
            offline: OfflineWriter::default(),
            report: Mutex::new(WriteReport::default()),
            model_texts: Mutex::new(HashSet::new()),
        }
    }

    /// The client.
    pub fn client(&self) -> &Arc<LlmClient> {
        &self.client
    }

    /// What the writer has done so far.
    pub fn report(&self) -> WriteReport {
        self.report.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// Whether `text` is a candidate the model wrote (rather than the offline writer).
    pub fn wrote(&self, text: &str) -> bool {
        self.model_texts.lock().is_ok_and(|t| t.contains(text))
    }

    /// The candidates for one message from its replies, with offline ones for the slots that
    /// failed.
    fn candidates(&self, ctx: &WriteContext<'_>, replies: Vec<Result<String, LlmError>>) -> Vec<Candidate> {
        let rctx = ReadContext {
            map: ctx.map,
            board: ctx.board,
            sender: ctx.me,
            recipient: ctx.intent.with,
            answering: ctx.heard.and_then(|h| h.press.as_ref()),
        };
        let n = replies.len();
        let mut out: Vec<Candidate> = Vec::with_capacity(n);
        let mut failed: Vec<String> = Vec::new();
        for reply in replies {
            let text = match reply.map_err(|e| reason(&e)).and_then(|t| clean(&t).map_err(str::to_string)) {
                Ok(t) => t,
                Err(why) => {
                    failed.push(why);
                    continue;
                }
            };
            match RuleReader.read(&rctx, &text).press {
                Some(press) => {
                    if !out.iter().any(|c| c.text == text) {
                        out.push(Candidate { text, press, by: Author::Model });
                    }
                }
                None => failed.push("no claim read".into()),
            }
        }
        if let Ok(mut texts) = self.model_texts.lock() {
            texts.extend(out.iter().map(|c| c.text.clone()));
        }
        let from_model = out.len() as u64;
        if !failed.is_empty() {
            let offline = self.offline.write(ctx, n);
            let fresh: Vec<Candidate> =
                offline.into_iter().filter(|c| !out.iter().any(|o| o.text == c.text)).take(failed.len()).collect();
            out.extend(fresh);
        }
        if let Ok(mut r) = self.report.lock() {
            r.requested += n as u64;
            r.from_model += from_model;
            for why in failed {
                *r.fallbacks.entry(why).or_default() += 1;
            }
        }
        out
    }
}

impl Writer for LlmWriter {
    fn write(&self, ctx: &WriteContext<'_>, n: usize) -> Vec<Candidate> {
        self.write_batch(&[WriteRequest { ctx: *ctx, history: &[] as &[Exchange] }], n).pop().unwrap_or_default()
    }

    fn write_batch(&self, requests: &[WriteRequest<'_>], n: usize) -> Vec<Vec<Candidate>> {
        let chats: Vec<ChatRequest> = requests
            .iter()
            .flat_map(|r| {
                let system = writer_system(r.ctx.map, r.ctx.me, r.ctx.intent.with);
                let user = writer_user(&r.ctx, r.history);
                (0..n).map(move |i| ChatRequest {
                    system: system.clone(),
                    user: user.clone(),
                    json: false,
                    seed: (r.ctx.seed.wrapping_add(i as u64) & 0x7fff_ffff) as i64,
                })
            })
            .collect();
        let mut replies = self.client.complete_all(&chats).into_iter();
        requests.iter().map(|r| self.candidates(&r.ctx, replies.by_ref().take(n).collect())).collect()
    }

    fn fallback(&self) -> Option<&dyn Writer> {
        Some(&self.offline)
    }
}
