//! `legate adjudicate`: one phase in the DATC JSON schema in, its outcome out.

use legate_engine::step::{run_step, StepInput};
use std::io::{BufRead, Read, Write};
use std::path::Path;

/// Runs the command; returns the exit code.
pub fn run(map_name: &str, file: Option<&Path>, jsonl: bool) -> anyhow::Result<i32> {
    let map = super::load_map(map_name)?;
    if jsonl {
        let stdin = std::io::stdin();
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let mut failed = false;
        for (i, line) in stdin.lock().lines().enumerate() {
            let line = line?;
            let answer = serde_json::from_str::<StepInput>(&line)
                .map_err(|e| format!("line {}: invalid step: {e}", i + 1))
                .and_then(|input| run_step(&map, &input).map_err(|e| format!("line {}: {e}", i + 1)));
            match answer {
                Ok(o) => serde_json::to_writer(&mut out, &o)?,
                Err(e) => {
                    failed = true;
                    serde_json::to_writer(&mut out, &serde_json::json!({ "error": e }))?;
                }
            }
            out.write_all(b"\n")?;
        }
        out.flush()?;
        return Ok(if failed { 2 } else { 0 });
    }
    let (text, name) = match file {
        Some(p) if p != Path::new("-") => {
            (std::fs::read_to_string(p).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?, p.display().to_string())
        }
        _ => {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s)?;
            (s, "stdin".to_string())
        }
    };
    let input: StepInput = serde_json::from_str(&text).map_err(|e| anyhow::anyhow!("{name}: invalid step: {e}"))?;
    let out = run_step(&map, &input).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(0)
}
