//! A scripted OpenAI-compatible server on 127.0.0.1 for the LLM tests: minimal HTTP/1.1 on a
//! tokio `TcpListener` in the test process (no network, no key). Each request is recorded and
//! answered by the script, given the request's number (from 0) and the request.

use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How the server answers one request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// A chat completion with one choice per content (none: an empty `choices` list).
    Chat(Vec<String>),
    /// This status with an OpenAI-style JSON error body.
    Error(u16, String),
    /// Status 200 with this body, as is.
    Raw(String),
    /// Waits, then answers.
    Slow(Duration, Box<Reply>),
}

impl Reply {
    /// A chat completion with one choice.
    pub fn text(t: &str) -> Reply {
        Reply::Chat(vec![t.to_string()])
    }
}

/// A request the server received.
#[derive(Clone, Debug)]
pub struct Request {
    /// The path (`/v1/chat/completions`).
    pub path: String,
    /// The JSON body.
    pub body: Value,
}

impl Request {
    /// The content of the message with `role`.
    pub fn content(&self, role: &str) -> String {
        self.body["messages"]
            .as_array()
            .and_then(|ms| ms.iter().find(|m| m["role"] == role))
            .and_then(|m| m["content"].as_str())
            .unwrap_or_default()
            .to_string()
    }
}

type Script = dyn Fn(usize, &Request) -> Reply + Send + Sync;

/// The running server; it stops when dropped.
pub struct MockLlm {
    /// The API base (`http://127.0.0.1:PORT/v1`).
    pub url: String,
    requests: Arc<Mutex<Vec<Request>>>,
    _runtime: tokio::runtime::Runtime,
}

impl MockLlm {
    /// Starts a server answering with `script`.
    pub fn start(script: impl Fn(usize, &Request) -> Reply + Send + Sync + 'static) -> MockLlm {
        let runtime =
            tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("a runtime");
        let listener = runtime.block_on(TcpListener::bind("127.0.0.1:0")).expect("a port on 127.0.0.1");
        let url = format!("http://{}/v1", listener.local_addr().expect("an address"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let script: Arc<Script> = Arc::new(script);
        let count = Arc::new(AtomicUsize::new(0));
        let recorded = requests.clone();
        runtime.spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (script, count, recorded) = (script.clone(), count.clone(), recorded.clone());
                tokio::spawn(async move {
                    let _ = serve(stream, &*script, &count, &recorded).await;
                });
            }
        });
        MockLlm { url, requests, _runtime: runtime }
    }

    /// The requests received so far, in order of arrival.
    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().expect("not poisoned").clone()
    }
}

/// Reads one request from `stream` and answers it.
async fn serve(
    mut stream: TcpStream,
    script: &Script,
    count: &AtomicUsize,
    recorded: &Mutex<Vec<Request>>,
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let length: usize = head
        .lines()
        .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0)))
        .unwrap_or(0);
    while buf.len() < head_end + length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
    let body = serde_json::from_slice(&buf[head_end..]).unwrap_or(Value::Null);
    let request = Request { path, body };
    recorded.lock().expect("not poisoned").push(request.clone());
    let mut reply = script(count.fetch_add(1, Ordering::SeqCst), &request);
    while let Reply::Slow(wait, next) = reply {
        tokio::time::sleep(wait).await;
        reply = *next;
    }
    let (status, body) = match reply {
        Reply::Chat(contents) => {
            let choices: Vec<Value> = contents
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    json!({"index": i, "message": {"role": "assistant", "content": c}, "finish_reason": "stop", "logprobs": null})
                })
                .collect();
            (
                200,
                json!({"id": "mock", "object": "chat.completion", "created": 0, "model": "mock", "choices": choices})
                    .to_string(),
            )
        }
        Reply::Error(status, message) => (
            status,
            json!({"error": {"message": message, "type": "mock_error", "param": null, "code": null}}).to_string(),
        ),
        Reply::Raw(body) => (200, body),
        Reply::Slow(..) => unreachable!("waited above"),
    };
    let response = format!(
        "HTTP/1.1 {status} MOCK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(response.as_bytes()).await?;
    stream.shutdown().await
}
