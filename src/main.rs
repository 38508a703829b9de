//! The `orgcraft` binary: argument parsing and exit codes only; the work lives in the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use orgcraft::headless::{self, POLICY_NAMES};
use orgcraft::scenario::{self, Severity};

#[derive(Parser)]
#[command(
    name = "orgcraft",
    version,
    about = "Lead a product organization, week by week."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Play a scenario headlessly with a bot policy and print the final scores.
    Run {
        /// Scenario file (RON).
        scenario: PathBuf,
        /// Bot policy: passive, yes-man, crunch, hire-fast, servant, random, caretaker.
        #[arg(long, default_value = "servant")]
        policy: String,
        /// Master seed (default: the scenario's seed).
        #[arg(long)]
        seed: Option<u64>,
        /// Weeks to play (default: the scenario's length; 1–104).
        #[arg(long)]
        weeks: Option<u32>,
        /// Print one JSON object on stdout.
        #[arg(long)]
        json: bool,
    },
    /// Check scenario files; exit 0 only if all are valid.
    Validate {
        /// Scenario files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print the diagnostics as JSON on stdout.
        #[arg(long)]
        json: bool,
    },
}

/// Prints to stdout; a closed pipe (`| head`) ends output quietly instead of panicking.
fn out(line: &str) {
    use std::io::Write;
    let mut o = std::io::stdout().lock();
    let _ = writeln!(o, "{line}");
}

fn main() -> ExitCode {
    // A bug must not show a backtrace to a workshop participant; say what happened instead.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("orgcraft: internal error: {info}. Please report this with the command you ran.");
    }));
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        None => {
            eprintln!("orgcraft: the game window is not part of this build yet.");
            eprintln!("Play headlessly:  orgcraft run scenarios/brooks_trap.ron --policy servant");
            eprintln!("Check a scenario: orgcraft validate scenarios/*.ron");
            ExitCode::from(2)
        }
        Some(Command::Validate { paths, json }) => validate(&paths, json),
        Some(Command::Run {
            scenario,
            policy,
            seed,
            weeks,
            json,
        }) => run(&scenario, &policy, seed, weeks, json),
    }
}

fn validate(paths: &[PathBuf], json: bool) -> ExitCode {
    let mut all = Vec::new();
    let mut ok = true;
    for p in paths {
        match scenario::load(p) {
            Ok(sc) => {
                if !json {
                    eprintln!(
                        "{}: ok ({} warning{})",
                        p.display(),
                        sc.warnings.len(),
                        if sc.warnings.len() == 1 { "" } else { "s" }
                    );
                }
                all.extend(sc.warnings);
            }
            Err(diags) => {
                ok &= !diags.iter().any(|d| d.severity == Severity::Error);
                all.extend(diags);
            }
        }
    }
    if json {
        out(&serde_json::json!({ "valid": ok, "diagnostics": all }).to_string());
    } else {
        for d in &all {
            eprintln!("{d}");
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn run(
    path: &std::path::Path,
    policy: &str,
    seed: Option<u64>,
    weeks: Option<u32>,
    json: bool,
) -> ExitCode {
    let Some(mut bot) = headless::policy_by_name(policy) else {
        eprintln!(
            "orgcraft: unknown policy \"{policy}\"; choose one of: {}",
            POLICY_NAMES.join(", ")
        );
        return ExitCode::from(2);
    };
    if let Some(w) = weeks
        && !(1..=scenario::limits::MAX_WEEKS).contains(&w)
    {
        eprintln!(
            "orgcraft: --weeks {w} is out of range 1..={}",
            scenario::limits::MAX_WEEKS
        );
        return ExitCode::from(2);
    }
    let sc = match scenario::load(path) {
        Ok(s) => s,
        Err(diags) => {
            for d in &diags {
                eprintln!("{d}");
            }
            return ExitCode::from(1);
        }
    };
    let seed = seed.unwrap_or(sc.raw.seed);
    let report = headless::run(&sc, policy, bot.as_mut(), seed, weeks);
    if json {
        match serde_json::to_string(&report) {
            Ok(s) => out(&s),
            Err(e) => {
                eprintln!("orgcraft: cannot write JSON: {e}");
                return ExitCode::from(1);
            }
        }
    } else {
        out(&format!(
            "{} (seed {}, policy {}, {} weeks): culture {:.1}, product {:.1}, combined {:.1} — {}",
            sc.raw.title,
            seed,
            policy,
            report.weeks,
            report.culture,
            report.product,
            report.combined,
            report.debrief.quadrant
        ));
        for (title, list) in [
            ("Culture rose with", &report.debrief.culture_up),
            ("Culture fell with", &report.debrief.culture_down),
            ("Product rose with", &report.debrief.product_up),
            ("Product fell with", &report.debrief.product_down),
        ] {
            if !list.is_empty() {
                out(&format!("  {title}:"));
                for c in list.iter().take(3) {
                    out(&format!("    {}", c.sentence));
                }
            }
        }
    }
    ExitCode::SUCCESS
}
