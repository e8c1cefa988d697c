//! `legate tournament`: many games of a line-up of bots, a progress bar and a summary table;
//! `legate tournament merge`: the summary of a sharded tournament.

use crate::tournament::config::Config;
use crate::tournament::summary::{summarize, Summary};
use crate::tournament::{merge, write_shard, Shard, Spec, Tournament};
use indicatif::{ProgressBar, ProgressState, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

/// The options of `legate tournament`.
#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct TournamentArgs {
    #[command(subcommand)]
    merge: Option<TournamentCommand>,
    /// Number of games (or `games` in the config).
    #[arg(long)]
    games: Option<u64>,
    /// The bots and how many seats each takes, e.g. `blueprint=1,random=6`; the counts add up to
    /// the number of powers. Bots: random, hold, blueprint, search, or one defined in --config.
    #[arg(long)]
    lineup: Option<String>,
    /// A TOML file of named bots with parameters (`[bots.cool] policy = "blueprint"`,
    /// `temperature = 0.05`) and defaults for games, lineup, seed and year_limit.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Tournament seed: game g's seed comes from it and g alone [default: 1].
    #[arg(long)]
    seed: Option<u64>,
    /// Threads to play on (default: all cores); the results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Each game ends in a draw after this year [default: 1930].
    #[arg(long)]
    year_limit: Option<u16>,
    /// Directory for the game records (game-00042.jsonl) and the results file (shard-K-of-N.json)
    /// [default: games/tournament-SEED].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Print the summary as one JSON object on stdout, and no progress bar.
    #[arg(long)]
    json: bool,
    /// Play only the K-th of N disjoint slices of the tournament (games g with g % N == K-1,
    /// counting from 0), for a cluster job array; combine the results with `legate tournament merge`.
    #[arg(long, value_name = "K/N")]
    shard: Option<Shard>,
    #[command(flatten)]
    map: crate::MapArg,
}

#[derive(clap::Subcommand)]
enum TournamentCommand {
    /// Combine the results files (shard-K-of-N.json) of all the shards of one tournament and print
    /// its summary, the same as one unsharded run would.
    Merge {
        /// The shard files, e.g. games/tournament-1/shard-*-of-20.json.
        #[arg(required = true, value_name = "SHARD_FILE")]
        files: Vec<PathBuf>,
        /// Print the summary as one JSON object on stdout.
        #[arg(long)]
        json: bool,
    },
}

/// Runs the command.
pub fn run(args: TournamentArgs) -> anyhow::Result<i32> {
    if let Some(TournamentCommand::Merge { files, json }) = args.merge {
        let (spec, results) = merge(&files)?;
        let summary = summarize(&spec.lineup.names(), &results)?;
        if !json {
            println!("{}", describe(&spec));
        }
        print_summary(&summary, json);
        return Ok(0);
    }
    let config = match &args.config {
        Some(path) => Config::load(path)?,
        None => Config::default(),
    };
    let source = |key: &str, flag: &str| match &args.config {
        Some(path) => format!("{}: {key}", path.display()),
        None => flag.to_string(),
    };
    let (lineup, lineup_source) = match (&args.lineup, &config.lineup) {
        (Some(l), _) => (l.clone(), "--lineup".to_string()),
        (None, Some(l)) => (l.clone(), source("lineup", "--lineup")),
        (None, None) => {
            anyhow::bail!("no line-up: give --lineup (e.g. \"blueprint=1,random=6\") or `lineup` in a --config file")
        }
    };
    let games = match args.games.or(config.games) {
        Some(0) => anyhow::bail!("{}: play at least one game", source("games", "--games")),
        Some(n) => n,
        None => anyhow::bail!("how many games? give --games N or `games` in a --config file"),
    };
    let seed = args.seed.or(config.seed).unwrap_or(1);
    let year_limit = args.year_limit.or(config.year_limit).unwrap_or(1930);
    let spec = Spec::new(&args.map.map, seed, games, year_limit, &lineup, &lineup_source, &config.bots)?;
    let tournament = Tournament::new(spec, &lineup_source)?;
    let shard = args.shard.unwrap_or(Shard::ALL);
    let out = args.out.unwrap_or_else(|| PathBuf::from(format!("games/tournament-{seed}")));

    let to_play = shard.games(games).count() as u64;
    let bar = if args.json || !std::io::stderr().is_terminal() { ProgressBar::hidden() } else { progress_bar(to_play) };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.jobs.map_or(0, usize::from)).build()?;
    let start = Instant::now();
    let results = pool.install(|| tournament.play(shard, &out, || bar.inc(1)))?;
    bar.finish_and_clear();
    let seconds = start.elapsed().as_secs_f64();
    let summary = pool.install(|| summarize(&tournament.spec().lineup.names(), &results))?;
    let file = write_shard(tournament.spec(), shard, results, &out)?;
    if !args.json {
        println!("{}", describe(tournament.spec()));
        if shard != Shard::ALL {
            println!("shard {}/{}: {to_play} of the {games} games", shard.index, shard.count);
        }
        println!(
            "played in {seconds:.1} s: {:.0} games/min on {} threads",
            to_play as f64 * 60.0 / seconds.max(1e-9),
            pool.current_num_threads()
        );
        println!();
    }
    print_summary(&summary, args.json);
    if !args.json {
        println!("\nrecords in {}, results in {}", out.display(), file.display());
    }
    Ok(0)
}

/// One line saying what the tournament is.
fn describe(spec: &Spec) -> String {
    format!(
        "tournament: {} games of {} on {}, seed {}, year limit {}",
        spec.games, spec.lineup, spec.map, spec.seed, spec.year_limit
    )
}

fn print_summary(summary: &Summary, json: bool) {
    if json {
        println!("{}", serde_json::to_string(summary).expect("summaries serialise"));
    } else {
        print!("{summary}");
    }
}

/// Games done of the total, games per minute and the time left, on stderr.
fn progress_bar(total: u64) -> ProgressBar {
    let style = ProgressStyle::with_template("{bar:30} {pos}/{len} games  {per_min}  ETA {eta}")
        .expect("the template is valid")
        .with_key("per_min", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{:.0} games/min", s.per_sec() * 60.0);
        });
    ProgressBar::new(total).with_style(style)
}
