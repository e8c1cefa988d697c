//! `legate selfplay` with a language model: the flags are checked, and (with a model server,
//! see `docs/llm.md`) full-press search bots write through it.

use std::process::{Command, Output};

const LEGATE: &str = env!("CARGO_BIN_EXE_legate");

fn legate(args: &[&str]) -> Output {
    Command::new(LEGATE).args(args).output().expect("legate runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn llm_flags_are_checked() {
    let url = ["--llm-base-url", "http://127.0.0.1:9/v1", "--llm-model", "m"];
    let o = legate(&[&["selfplay", "--bots", "search", "--year-limit", "1901"][..], &url].concat());
    assert!(!o.status.success());
    assert!(text(&o.stderr).contains("add --press full"), "{}", text(&o.stderr));
    let o = legate(&["selfplay", "--press", "full", "--bots", "search", "--llm-base-url", "http://127.0.0.1:9/v1"]);
    assert!(!o.status.success());
    assert!(text(&o.stderr).contains("--llm-model"), "{}", text(&o.stderr));
    let o = legate(&[
        "selfplay",
        "--press",
        "full",
        "--bots",
        "search",
        "--llm-base-url",
        "localhost:8089",
        "--llm-model",
        "m",
    ]);
    assert!(!o.status.success());
    assert!(text(&o.stderr).contains("must start with http"), "{}", text(&o.stderr));
    let o = legate(&[&["selfplay", "--press", "full", "--bots", "search", "--llm-timeout", "0"][..], &url].concat());
    assert!(!o.status.success());
    assert!(text(&o.stderr).contains("timeout"), "{}", text(&o.stderr));
}

/// A server that is not there: every talker falls back to the offline writer, and the game is
/// the offline game, message for message.
#[test]
fn a_missing_server_leaves_the_offline_game() {
    let dir = std::env::temp_dir();
    let pid = std::process::id();
    let (with, without) =
        (dir.join(format!("legate-llm-{pid}-a.jsonl")), dir.join(format!("legate-llm-{pid}-b.jsonl")));
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}/v1");
    let bots = "search,search,random,random,random,random,random";
    let common = ["selfplay", "--press", "full", "--bots", bots, "--year-limit", "1901", "-q", "--seed", "4"];
    let model = ["--llm-base-url", &url, "--llm-model", "m", "--llm-retries", "0"];
    let o = legate(&[&common[..], &["--out", with.to_str().unwrap()], &model].concat());
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("0 of ") && out.contains("messages sent were the model's"), "{out}");
    assert!(out.contains("transport error"), "{out}");
    let o = legate(&[&common[..], &["--out", without.to_str().unwrap()]].concat());
    assert!(o.status.success(), "{}", text(&o.stderr));
    let (a, b) = (std::fs::read_to_string(&with).unwrap(), std::fs::read_to_string(&without).unwrap());
    let _ = (std::fs::remove_file(&with), std::fs::remove_file(&without));
    assert!(a.contains("\"messages\""));
    assert!(
        a.contains("\"by\":\"offline\"") && !a.contains("\"by\":\"model\""),
        "every message is the offline writer's"
    );
    assert_eq!(a, b);
}

/// Full-press search bots write through a real model (`LEGATE_LLM_URL`, `LEGATE_LLM_MODEL`).
#[test]
#[ignore = "needs a model server: set LEGATE_LLM_URL (see docs/llm.md)"]
fn selfplay_talks_through_a_real_model() {
    let url = std::env::var("LEGATE_LLM_URL").expect("LEGATE_LLM_URL: the model server's API base");
    let model = std::env::var("LEGATE_LLM_MODEL").unwrap_or_else(|_| "SmolLM2-135M-Instruct.Q4_1".into());
    let record = std::env::temp_dir().join(format!("legate-llm-{}-real.jsonl", std::process::id()));
    let o = legate(&[
        "selfplay",
        "--press",
        "full",
        "--bots",
        "search,search,random,random,random,random,random",
        "--year-limit",
        "1901",
        "--seed",
        "2",
        "--out",
        record.to_str().unwrap(),
        "--llm-base-url",
        &url,
        "--llm-model",
        &model,
        "--llm-timeout",
        "120",
        "--llm-max-tokens",
        "60",
        "--llm-max-requests",
        "8",
    ]);
    let _ = std::fs::remove_file(&record);
    let out = text(&o.stdout);
    eprintln!("{out}");
    assert!(o.status.success(), "{}", text(&o.stderr));
    let line = out.lines().find(|l| l.starts_with("llm: ")).expect("a summary of the model's work");
    // The budget held, and the model was asked.
    assert!(line.starts_with("llm: 8 requests"), "{line}");
    assert!(out.contains(" → "), "talkers sent messages");
}
