//! The command line's commands: what each `orgcraft` subcommand does and prints. `main.rs`
//! parses the arguments and hands over here; machine-readable output is JSON on stdout, human
//! messages go to stderr.

pub mod logs;
pub mod trainer;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::headless::{self, POLICY_NAMES};
use crate::scenario;

/// Prints `value` as one JSON object on stdout.
pub fn print_json<T: serde::Serialize>(value: &T) -> ExitCode {
    match serde_json::to_string(value) {
        Ok(s) => {
            out(&s);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("orgcraft: cannot write JSON: {e}");
            ExitCode::from(1)
        }
    }
}

/// Prints to stdout; a closed pipe (`| head`) ends output quietly instead of panicking.
pub fn out(line: &str) {
    use std::io::Write;
    let mut o = std::io::stdout().lock();
    let _ = writeln!(o, "{line}");
}

/// Files as given; folders become their `.ron` files, sorted (not recursive).
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map(|rd| {
                    rd.filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|f| f.is_file() && f.extension().is_some_and(|x| x == "ron"))
                        .collect()
                })
                .unwrap_or_default();
            files.sort();
            if files.is_empty() {
                // Keep the folder so the loader says what is wrong with it.
                out.push(p.clone());
            }
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// Loads a scenario and adds the checks that need a spawned world (week-0 objectives).
pub fn load_checked(p: &std::path::Path) -> Result<scenario::Scenario, Vec<scenario::Diagnostic>> {
    let mut sc = scenario::load(p)?;
    let extra = headless::lint(&sc);
    sc.warnings.extend(extra);
    Ok(sc)
}

pub fn load_or_report(path: &std::path::Path) -> Option<scenario::Scenario> {
    match scenario::load(path) {
        Ok(s) => Some(s),
        Err(diags) => {
            for d in &diags {
                eprintln!("{d}");
            }
            None
        }
    }
}

/// Prints a run's report as `run` does: one line, or the JSON object.
pub fn print_report(sc: &scenario::Scenario, report: &headless::RunReport, json: bool) -> ExitCode {
    let (seed, policy) = (report.seed, report.policy.as_str());
    if json {
        return print_json(report);
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
        if let Some(a) = &report.debrief.by_decisions {
            for l in a.summary_lines(5) {
                out(&format!("  {l}"));
            }
            out("  The mechanisms (the model's ledger):");
        }
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

pub fn run(
    path: &std::path::Path,
    policy: &str,
    seed: Option<u64>,
    weeks: Option<u32>,
    json: bool,
    log_path: Option<&std::path::Path>,
    table: Option<String>,
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
    let Some(sc) = load_or_report(path) else {
        return ExitCode::from(1);
    };
    let seed = seed.unwrap_or(sc.raw.seed);
    let (mut report, mut log) = headless::log::record(&sc, policy, bot.as_mut(), seed, weeks);
    if let Some(p) = log_path {
        log.table = table;
        if let Err(e) = log.write(p) {
            eprintln!("orgcraft: cannot write the log {}: {e}", p.display());
            return ExitCode::from(1);
        }
    }
    report.attribute(&sc, &log);
    print_report(&sc, &report, json)
}

/// `run FILE --plan NAME`: one plan's line on one seed, with its debrief.
pub fn run_plan(
    path: &std::path::Path,
    name: &str,
    seed: Option<u64>,
    json: bool,
    log_path: Option<&std::path::Path>,
    table: Option<String>,
) -> ExitCode {
    let Some(sc) = load_or_report(path) else {
        return ExitCode::from(1);
    };
    let Some(plan) = sc.plans.iter().find(|p| p.name == name) else {
        let known: Vec<&str> = sc.plans.iter().map(|p| p.name.as_str()).collect();
        let hint = scenario::nearest(name, known.iter().copied()).unwrap_or_else(|| {
            if known.is_empty() {
                "this scenario has no plans".into()
            } else {
                format!("its plans: {}", known.join(", "))
            }
        });
        eprintln!(
            "orgcraft: {} has no plan named \"{}\" ({hint})",
            path.display(),
            scenario::input::escape(name)
        );
        return ExitCode::from(2);
    };
    let seed = seed.unwrap_or(sc.raw.seed);
    let Some((mut report, mut log, refused)) = headless::plans::run_plan(&sc, plan, seed) else {
        eprintln!("orgcraft: plan \"{}\" names an unknown bot", plan.name);
        return ExitCode::from(1);
    };
    if let Some(p) = log_path {
        log.table = table;
        if let Err(e) = log.write(p) {
            eprintln!("orgcraft: cannot write the log {}: {e}", p.display());
            return ExitCode::from(1);
        }
    }
    for (w, r) in &refused {
        eprintln!("note: week {w} {} was refused: {}", r.action, r.reason);
    }
    report.attribute(&sc, &log);
    print_report(&sc, &report, json)
}
