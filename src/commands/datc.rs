//! `legate datc`: run the DATC corpus and print a pass table by section.

use legate_engine::datc::run_corpus;
use legate_engine::Map;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Finds shared/datc/cases.json beside or above the current directory.
fn default_corpus() -> Option<PathBuf> {
    let mut dir = std::env::current_dir().ok()?;
    loop {
        for candidate in [dir.join("shared/datc/cases.json"), dir.join("../shared/datc/cases.json")] {
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        if !dir.pop() {
            return None;
        }
    }
}

/// Runs the command; returns the exit code (1 when a case fails).
pub fn run(path: Option<&Path>, verbose: bool) -> anyhow::Result<i32> {
    let path = match path {
        Some(p) => p.to_path_buf(),
        None => default_corpus()
            .ok_or_else(|| anyhow::anyhow!("no DATC corpus found: pass its path (shared/datc/cases.json)"))?,
    };
    let json = std::fs::read_to_string(&path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let reports = run_corpus(&Map::standard(), &json)?;
    let mut sections: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for r in &reports {
        let e = sections.entry(r.section.as_str()).or_default();
        e.1 += 1;
        if r.passed() {
            e.0 += 1;
        }
    }
    println!("{:<8} {:>6} {:>6}", "section", "passed", "cases");
    for (s, (p, n)) in &sections {
        println!("{:<8} {:>6} {:>6}{}", s, p, n, if p == n { "" } else { "  ✗" });
    }
    let passed = reports.iter().filter(|r| r.passed()).count();
    println!("{:<8} {:>6} {:>6}", "total", passed, reports.len());
    println!("{passed}/{} DATC cases pass", reports.len());
    for r in reports.iter().filter(|r| !r.passed()) {
        println!("FAIL {} {}", r.id, r.title);
        if verbose {
            for f in &r.failures {
                println!("    {f}");
            }
        }
    }
    Ok(if passed == reports.len() { 0 } else { 1 })
}
