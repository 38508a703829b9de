//! Decision-log commands: `replay`, `whatif`, `luck`, `report` and `session new`/`merge`, with
//! the across-versions path (`--resimulate`).

use std::path::PathBuf;
use std::process::ExitCode;

use crate::headless;
use crate::scenario;

use super::*;

/// A decision log as the current model plays it, and its scenario.
pub struct Loaded {
    /// The log itself, or with `--resimulate` its re-simulation on the current model.
    log: headless::log::DecisionLog,
    sc: scenario::Scenario,
    /// With `--resimulate`: what the current model made of the logged decisions.
    resimulated: Option<headless::log::Resimulation>,
    /// The model version the log was made with.
    logged_model: u32,
    /// The logged final scores, if the log recorded them.
    logged_result: Option<headless::log::LoggedResult>,
}

/// The scenario a log names, looked for next to the log (by file name only): a log never makes
/// Orgcraft read a file it was not asked for. `--scenario` names it otherwise.
pub fn scenario_beside(
    log_path: &std::path::Path,
    log: &headless::log::DecisionLog,
) -> Result<PathBuf, ExitCode> {
    let name = std::path::Path::new(&log.scenario_file)
        .file_name()
        .map(std::path::Path::new);
    let dir = log_path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    match name.map(|n| dir.join(n)) {
        Some(beside) if beside.is_file() => Ok(beside),
        beside => {
            eprintln!(
                "orgcraft: the log's scenario {} is not next to the log{}; pass --scenario FILE (the file the log was made with)",
                scenario::input::escape(&log.scenario_file),
                beside
                    .map(|b| format!(" (looked for {})", b.display()))
                    .unwrap_or_default()
            );
            Err(ExitCode::from(1))
        }
    }
}

/// Reads a decision log and its scenario (next to the log unless `--scenario` names one). With
/// `resimulate`, plays the log's decisions on the current model and says on stderr what changed.
pub fn log_and_scenario(
    log_path: &std::path::Path,
    scenario_path: Option<&std::path::Path>,
    resimulate: bool,
) -> Result<Loaded, ExitCode> {
    let log = headless::log::DecisionLog::read(log_path).map_err(|e| {
        eprintln!("orgcraft: {e}");
        ExitCode::from(1)
    })?;
    let path = match scenario_path {
        Some(p) => p.to_path_buf(),
        None => scenario_beside(log_path, &log)?,
    };
    let sc = load_or_report(&path).ok_or(ExitCode::from(1))?;
    let (logged_model, logged_result) = (log.model_version, log.result);
    if !resimulate {
        return Ok(Loaded {
            log,
            sc,
            resimulated: None,
            logged_model,
            logged_result,
        });
    }
    let r = headless::log::resimulate(&sc, &log).map_err(|e| {
        eprintln!("orgcraft: {e}");
        ExitCode::from(1)
    })?;
    eprintln!(
        "re-simulated {} week(s) of decisions made on model version {} on model version {}",
        log.weeks.len(),
        logged_model,
        crate::model::MODEL_VERSION
    );
    if r.dropped.is_empty() {
        eprintln!("  every logged decision still applies");
    }
    for d in &r.dropped {
        eprintln!(
            "  week {}: {} no longer applies: {}",
            d.week, d.action, d.reason
        );
    }
    eprintln!("  {}", compare_results(logged_result, &r.report));
    Ok(Loaded {
        log: r.log.clone(),
        sc,
        resimulated: Some(r),
        logged_model,
        logged_result,
    })
}

/// "logged: … → now: …" for a re-simulated game.
pub fn compare_results(
    logged: Option<headless::log::LoggedResult>,
    now: &headless::RunReport,
) -> String {
    let now_text = format!(
        "culture {:.1}, product {:.1}, combined {:.1}",
        now.culture, now.product, now.combined
    );
    match logged {
        Some(l) => format!(
            "logged: culture {:.1}, product {:.1}, combined {:.1} → now: {now_text}",
            l.culture, l.product, l.combined
        ),
        None => format!("the log did not record its result; now: {now_text}"),
    }
}

pub fn replay(
    log: &std::path::Path,
    scenario_path: Option<&std::path::Path>,
    json: bool,
    resimulate: bool,
) -> ExitCode {
    let loaded = match log_and_scenario(log, scenario_path, resimulate) {
        Ok(x) => x,
        Err(c) => return c,
    };
    if let Some(r) = &loaded.resimulated {
        if json {
            return print_json(&serde_json::json!({
                "logged_model_version": loaded.logged_model,
                "model_version": crate::model::MODEL_VERSION,
                "logged": loaded.logged_result,
                "resimulated": r.report,
                "dropped": r.dropped,
            }));
        }
        let mut report = r.report.clone();
        report.attribute(&loaded.sc, &r.log);
        return print_report(&loaded.sc, &report, false);
    }
    let (log, sc) = (loaded.log, loaded.sc);
    match headless::log::replay(&sc, &log) {
        Ok(mut report) => {
            report.attribute(&sc, &log);
            if !json {
                out(&format!(
                    "replayed {} week(s); every week's state hash matched the log",
                    log.weeks.len()
                ));
                for w in &log.weeks {
                    let acts: Vec<String> = w
                        .actions
                        .iter()
                        .enumerate()
                        .map(|(i, a)| format!("[{i}] {}", a.kind().as_str()))
                        .collect();
                    out(&format!("  week {:>2}: {}", w.week, acts.join(", ")));
                }
            }
            print_report(&sc, &report, json)
        }
        Err(e) => {
            eprintln!("orgcraft: {e}");
            ExitCode::from(1)
        }
    }
}

/// `whatif`'s change: `--week` with `--drop` or `--add`.
pub struct WhatIfArgs {
    pub week: Option<u32>,
    pub drop: Option<usize>,
    pub add: Option<String>,
}

pub fn whatif(
    log: &std::path::Path,
    wanted: WhatIfArgs,
    scenario_path: Option<&std::path::Path>,
    json: bool,
    resimulate: bool,
) -> ExitCode {
    use headless::log::Change;
    let (log, sc) = match log_and_scenario(log, scenario_path, resimulate) {
        Ok(x) => (x.log, x.sc),
        Err(c) => return c,
    };
    let change = match (wanted.week, wanted.drop, wanted.add) {
        (None, None, None) => Change::None,
        (Some(week), Some(index), None) => Change::Drop { week, index },
        (Some(week), None, Some(text)) => match scenario::parse_action(&sc, &text) {
            Ok(action) => Change::Add { week, action },
            Err(e) => {
                eprintln!("orgcraft: --add {text:?}: {e}");
                eprintln!(
                    "hint: write an action as in a scenario's plans, e.g. 'OneOnOne(person: \"ana\")'"
                );
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!(
                "orgcraft: give --week N with --drop K or --add ACTION (or none of them to check that nothing changes)"
            );
            return ExitCode::from(2);
        }
    };
    let w = match headless::log::whatif(&sc, &log, &change) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("orgcraft: {e}");
            return ExitCode::from(1);
        }
    };
    if json {
        return print_json(&w);
    }
    out(&format!(
        "What if: {} ({}, seed {})",
        w.change, sc.raw.title, log.seed
    ));
    out(
        "week     culture (log → what-if)    product (log → what-if)   people  engagement  exhaustion",
    );
    for r in &w.weeks {
        let mark = if r.same_state {
            " same"
        } else if r.epilogue {
            " epi "
        } else {
            "     "
        };
        out(&format!(
            "{:>4}{mark} {:>6.1} → {:>6.1} ({:+5.1})   {:>6.1} → {:>6.1} ({:+5.1})   {:>2}→{:<2}   {:>4.0}→{:<4.0}   {:>4.0}→{:<4.0}",
            r.week,
            r.culture.0,
            r.culture.1,
            r.culture.1 - r.culture.0,
            r.product.0,
            r.product.1,
            r.product.1 - r.product.0,
            r.stocks.0.people,
            r.stocks.1.people,
            r.stocks.0.mean_engagement,
            r.stocks.1.mean_engagement,
            r.stocks.0.mean_exhaustion,
            r.stocks.1.mean_exhaustion,
        ));
    }
    for (week, reason) in &w.refused {
        out(&format!(
            "week {week}: a logged action was refused in the what-if world: {reason}"
        ));
    }
    out(&format!("final: {}", w.final_summary("→")));
    ExitCode::SUCCESS
}

pub fn luck(
    log: &std::path::Path,
    seeds: u32,
    scenario_path: Option<&std::path::Path>,
    json: bool,
    resimulate: bool,
) -> ExitCode {
    let (log, sc) = match log_and_scenario(log, scenario_path, resimulate) {
        Ok(x) => (x.log, x.sc),
        Err(c) => return c,
    };
    if !(1..=10_000).contains(&seeds) {
        eprintln!("orgcraft: --seeds {seeds} is out of range 1..=10000");
        return ExitCode::from(2);
    }
    let bots: Vec<&str> = headless::balance::DEFAULT_POLICIES.to_vec();
    let l = match headless::log::luck(&sc, &log, seeds, &bots) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("orgcraft: {e}");
            return ExitCode::from(1);
        }
    };
    if json {
        return print_json(&l);
    }
    out(&format!(
        "Your decisions scored {:.1} combined on seed {}. On {} other seeds the same decisions scored {:.1}–{:.1} (p10–p90, median {:.1}): your result is in the {:.0}th percentile of their own luck.",
        l.combined, log.seed, l.seeds, l.spread.p10, l.spread.p90, l.spread.p50, l.percentile
    ));
    for (name, sp, beat) in &l.bots {
        out(&format!(
            "  vs {name:<10} median {:>5.1} (p10–p90 {:>5.1}–{:<5.1}): you beat {:>3.0}% of its runs",
            sp.p50, sp.p10, sp.p90, beat
        ));
    }
    ExitCode::SUCCESS
}

pub fn report(
    log: &std::path::Path,
    dir: &std::path::Path,
    seeds: u32,
    scenario_path: Option<&std::path::Path>,
    resimulate: bool,
) -> ExitCode {
    let (log, sc) = match log_and_scenario(log, scenario_path, resimulate) {
        Ok(x) => (x.log, x.sc),
        Err(c) => return c,
    };
    if seeds > 10_000 {
        eprintln!("orgcraft: --seeds {seeds} is out of range 0..=10000");
        return ExitCode::from(2);
    }
    let run = match headless::log::replay(&sc, &log) {
        Ok(mut r) => {
            r.attribute(&sc, &log);
            r
        }
        Err(e) => {
            eprintln!("orgcraft: {e}");
            return ExitCode::from(1);
        }
    };
    let luck = if seeds == 0 {
        None
    } else {
        let bots: Vec<&str> = headless::balance::DEFAULT_POLICIES.to_vec();
        Some(headless::log::luck_of(
            &sc,
            &log,
            run.combined,
            seeds,
            &bots,
        ))
    };
    let data = crate::report::ReportData {
        scenario: &sc,
        log: &log,
        run: &run,
        luck: luck.as_ref(),
    };
    if let Err(e) = crate::report::write(&data, dir) {
        eprintln!(
            "orgcraft: cannot write the report to {}: {e}",
            dir.display()
        );
        return ExitCode::from(1);
    }
    out(&format!(
        "wrote {} and {}",
        dir.join("index.html").display(),
        dir.join("report.md").display()
    ));
    ExitCode::SUCCESS
}

/// `session new`: a pack every table plays (the scenario file, the seed, the commands).
pub fn session_new(path: PathBuf, seed: Option<u64>, tables: u32, dir: PathBuf) -> ExitCode {
    {
        {
            if !(1..=50).contains(&tables) {
                eprintln!("orgcraft: --tables {tables} is out of range 1..=50");
                return ExitCode::from(2);
            }
            let Some(sc) = load_or_report(&path) else {
                return ExitCode::from(1);
            };
            let text = match crate::scenario::read_source(&path) {
                Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                Err(e) => {
                    eprintln!("orgcraft: cannot read {}: {e}", path.display());
                    return ExitCode::from(1);
                }
            };
            let seed = seed.unwrap_or(sc.raw.seed);
            match crate::report::session::new_pack(&sc, &text, seed, tables, &dir) {
                Ok(p) => {
                    out(&format!(
                        "session pack in {}: {} tables, seed {seed}, scenario {} (see README.md there)",
                        dir.display(),
                        tables,
                        p.display()
                    ));
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("orgcraft: cannot write {}: {e}", dir.display());
                    ExitCode::from(1)
                }
            }
        }
    }
}

/// `session merge`: the tables' logs side by side (`--resimulate` plays every table on the
/// current model).
pub fn session_merge(
    logs: Vec<PathBuf>,
    dir: PathBuf,
    scenario_path: Option<PathBuf>,
    resimulate: bool,
) -> ExitCode {
    {
        {
            // The scenario only: each table's log is read (and re-simulated) below.
            let sc = match log_and_scenario(&logs[0], scenario_path.as_deref(), false) {
                Ok(x) => x.sc,
                Err(c) => return c,
            };
            let tables = match crate::report::session::load_tables(&sc, &logs, resimulate) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("orgcraft: {e}");
                    return ExitCode::from(1);
                }
            };
            if let Err(e) = crate::report::session::write_merge(&sc, &tables, &dir) {
                eprintln!("orgcraft: cannot write {}: {e}", dir.display());
                return ExitCode::from(1);
            }
            for t in &tables {
                out(&format!(
                    "{:<12} culture {:>5.1}  product {:>5.1}  combined {:>5.1}  {}",
                    t.name, t.run.culture, t.run.product, t.run.combined, t.run.debrief.quadrant
                ));
            }
            out(&format!("wrote {}", dir.join("index.html").display()));
            ExitCode::SUCCESS
        }
    }
}
