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
enum SessionCommand {
    /// Create a session pack: the scenario, the seed, the tables and their commands.
    New {
        scenario: PathBuf,
        #[arg(long)]
        seed: Option<u64>,
        /// Number of tables (1–50).
        #[arg(long, default_value_t = 4)]
        tables: u32,
        #[arg(long)]
        out: PathBuf,
    },
    /// Merge the tables' decision logs into a facilitator report (DIR/index.html, report.md).
    Merge {
        /// The tables' logs.
        #[arg(required = true)]
        logs: Vec<PathBuf>,
        #[arg(long)]
        out: PathBuf,
        /// Scenario file (default: the one named in the first log).
        #[arg(long)]
        scenario: Option<PathBuf>,
        /// Logs of another model version: play every table's decisions on the current model.
        #[arg(long)]
        resimulate: bool,
    },
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
        /// Write the decision log (actions and state hash of every week) to this file.
        #[arg(long)]
        log: Option<PathBuf>,
        /// The workshop table this run stands for (recorded in the log).
        #[arg(long, requires = "log")]
        table: Option<String>,
        /// Play this test plan's line instead of a bot: its bot, its demand answer and its
        /// scripted steps, as `check` plays it (one seed).
        #[arg(long, conflicts_with_all = ["policy", "weeks"])]
        plan: Option<String>,
    },
    /// Workshop sessions: `session new` makes a pack every table plays; `session merge` puts
    /// the tables' logs side by side for the facilitator.
    Session {
        #[command(subcommand)]
        action: SessionCommand,
    },
    /// Reproduce a logged run, checking every week's state hash; prints what `run` printed.
    Replay {
        /// Decision log (from `run --log` or the game).
        log: PathBuf,
        /// Scenario file (default: the one named in the log).
        #[arg(long)]
        scenario: Option<PathBuf>,
        /// Print the same JSON object as `run --json`.
        #[arg(long)]
        json: bool,
        /// A log of another model version: play its decisions on the current model (no hash
        /// checks; decisions that no longer apply are listed) instead of refusing it.
        #[arg(long)]
        resimulate: bool,
    },
    /// Replay a log with one decision changed, on the same random streams, and compare.
    ///
    /// Examples: `whatif game.log --week 5 --drop 0`;
    /// `whatif game.log --week 5 --add 'OneOnOne(person: "ana")'` (ids by their scenario names).
    Whatif {
        /// Decision log.
        log: PathBuf,
        /// The week whose decisions change.
        #[arg(long)]
        week: Option<u32>,
        /// Drop that week's K-th logged action (0-based; `replay` lists them).
        #[arg(long, conflicts_with = "add")]
        drop: Option<usize>,
        /// Add this action that week (RON, as in a scenario's plans).
        #[arg(long)]
        add: Option<String>,
        /// Scenario file (default: the one named in the log).
        #[arg(long)]
        scenario: Option<PathBuf>,
        /// Print the comparison as JSON.
        #[arg(long)]
        json: bool,
        /// A log of another model version: play its decisions on the current model (no hash
        /// checks; decisions that no longer apply are listed) instead of refusing it.
        #[arg(long)]
        resimulate: bool,
    },
    /// Write a debrief report of a logged run: DIR/index.html (self-contained) and DIR/report.md.
    Report {
        /// Decision log.
        log: PathBuf,
        /// Output folder.
        #[arg(long)]
        out: PathBuf,
        /// Other seeds for the luck-vs-skill section (0 leaves it out).
        #[arg(long, default_value_t = 50)]
        seeds: u32,
        /// Scenario file (default: the one named in the log).
        #[arg(long)]
        scenario: Option<PathBuf>,
        /// A log of another model version: play its decisions on the current model (no hash
        /// checks; decisions that no longer apply are listed) instead of refusing it.
        #[arg(long)]
        resimulate: bool,
    },
    /// Luck vs skill: the log's decisions over other seeds, and the bots on the same seeds.
    Luck {
        /// Decision log.
        log: PathBuf,
        /// How many other seeds.
        #[arg(long, default_value_t = 50)]
        seeds: u32,
        /// Scenario file (default: the one named in the log).
        #[arg(long)]
        scenario: Option<PathBuf>,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
        /// A log of another model version: play its decisions on the current model (no hash
        /// checks; decisions that no longer apply are listed) instead of refusing it.
        #[arg(long)]
        resimulate: bool,
    },
    /// Check scenario files (or every .ron file in a folder); exit 0 only if all are valid.
    Validate {
        /// Scenario files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print the diagnostics as JSON on stdout.
        #[arg(long)]
        json: bool,
    },
    /// Play many seeded runs per policy and report score spreads and balance findings.
    ///
    /// Exit 0 when there are no findings, 1 when there are, 2 for unusable arguments.
    Balance {
        /// Scenario file (RON).
        scenario: PathBuf,
        /// Runs (seeds) per policy.
        #[arg(long, default_value_t = 200)]
        runs: u32,
        /// Comma-separated policies (default: servant,passive,yes-man,crunch,hire-fast,random).
        #[arg(long, value_delimiter = ',')]
        policies: Option<Vec<String>>,
        /// First seed (default: the scenario's seed); runs use seed, seed+1, …
        #[arg(long)]
        seed: Option<u64>,
        /// Print one JSON object on stdout.
        #[arg(long)]
        json: bool,
    },
    /// Open the game window on a scenario (watched for changes: trainer playtest), or let a bot
    /// play it through the window and save screenshots.
    Play {
        /// Scenario file (RON). Without one, the window opens on the title screen.
        scenario: Option<PathBuf>,
        /// Master seed (default: the scenario's seed).
        #[arg(long)]
        seed: Option<u64>,
        /// Let this bot play every week: passive, yes-man, crunch, hire-fast, servant, random, caretaker.
        #[arg(long)]
        autoplay: Option<String>,
        /// Save a PNG of every screen and of the playing screen each week into this folder.
        #[arg(long)]
        screenshots: Option<PathBuf>,
        /// Close the window once the debrief has been shown (with --autoplay).
        #[arg(long)]
        exit_after_debrief: bool,
        /// Save folder (default: $ORGCRAFT_SAVE_DIR, else ~/.local/share/orgcraft).
        #[arg(long)]
        save_dir: Option<PathBuf>,
        /// Workshop table name (from `session new`): the game's log is logs/<table>.json.
        #[arg(long)]
        table: Option<String>,
    },
    /// Run a scenario's golden test plans; exit 0 only if every plan passes.
    Check {
        /// Scenario files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Seeds per plan (default: each plan's own `seeds`).
        #[arg(long)]
        seeds: Option<u32>,
        /// Print the results as JSON on stdout.
        #[arg(long)]
        json: bool,
    },
}

/// What `play` (or no subcommand) asks of the window.
#[derive(Default)]
struct WindowArgs {
    scenario: Option<PathBuf>,
    seed: Option<u64>,
    autoplay: Option<String>,
    screenshots: Option<PathBuf>,
    exit_after_debrief: bool,
    save_dir: Option<PathBuf>,
    table: Option<String>,
}

#[cfg(feature = "gui")]
fn window(a: WindowArgs) -> ExitCode {
    if let Some(p) = &a.autoplay
        && !POLICY_NAMES.contains(&p.as_str())
    {
        eprintln!(
            "orgcraft: unknown policy '{p}'; choose one of: {}",
            POLICY_NAMES.join(", ")
        );
        return ExitCode::from(2);
    }
    // Say what is missing instead of letting the window library panic.
    if cfg!(target_os = "linux") && std::env::var_os("DISPLAY").is_none() {
        eprintln!("orgcraft: no X display to open the window on (DISPLAY is not set).");
        eprintln!("Run it from a desktop session, or under xvfb-run; or play headlessly:");
        eprintln!("  orgcraft run scenarios/brooks_trap.ron --policy servant");
        return ExitCode::from(2);
    }
    if !orgcraft::gui::offscreen::adapter_available() {
        eprintln!("orgcraft: no Vulkan graphics adapter found, so the window cannot be drawn.");
        eprintln!("On Debian/Ubuntu: apt-get install mesa-vulkan-drivers libvulkan1");
        eprintln!("(Mesa's software renderer is enough.) Or play headlessly with `orgcraft run`.");
        return ExitCode::from(2);
    }
    let save_dir = a.save_dir.or_else(|| {
        // A bot's game must not overwrite the player's autosave.
        a.autoplay.as_ref().map(|_| {
            a.screenshots
                .clone()
                .unwrap_or_else(std::env::temp_dir)
                .join("autoplay-saves")
        })
    });
    let exit = orgcraft::gui::run_window(orgcraft::gui::WindowOptions {
        scenario: a.scenario,
        seed: a.seed,
        autoplay: a.autoplay,
        screenshots: a.screenshots,
        exit_after_debrief: a.exit_after_debrief,
        save_dir,
        table: a.table,
    });
    match exit {
        bevy::app::AppExit::Success => ExitCode::SUCCESS,
        bevy::app::AppExit::Error(c) => ExitCode::from(c.get()),
    }
}

#[cfg(not(feature = "gui"))]
fn window(_: WindowArgs) -> ExitCode {
    eprintln!("orgcraft: this build has no window (built without the `gui` feature).");
    eprintln!("Play headlessly:  orgcraft run scenarios/brooks_trap.ron --policy servant");
    ExitCode::from(2)
}

/// Prints `value` as one JSON object on stdout.
fn print_json<T: serde::Serialize>(value: &T) -> ExitCode {
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
        None => window(WindowArgs::default()),
        Some(Command::Play {
            scenario,
            seed,
            autoplay,
            screenshots,
            exit_after_debrief,
            save_dir,
            table,
        }) => window(WindowArgs {
            scenario,
            seed,
            autoplay,
            screenshots,
            exit_after_debrief,
            save_dir,
            table,
        }),
        Some(Command::Validate { paths, json }) => validate(&paths, json),
        Some(Command::Balance {
            scenario,
            runs,
            policies,
            seed,
            json,
        }) => balance(&scenario, runs, policies, seed, json),
        Some(Command::Check { paths, seeds, json }) => check(&paths, seeds, json),
        Some(Command::Run {
            scenario,
            policy,
            seed,
            weeks,
            json,
            log,
            table,
            plan,
        }) => match plan {
            Some(name) => run_plan(&scenario, &name, seed, json, log.as_deref(), table),
            None => run(&scenario, &policy, seed, weeks, json, log.as_deref(), table),
        },
        Some(Command::Session { action }) => session(action),
        Some(Command::Replay {
            log,
            scenario,
            json,
            resimulate,
        }) => replay(&log, scenario.as_deref(), json, resimulate),
        Some(Command::Whatif {
            log,
            week,
            drop,
            add,
            scenario,
            json,
            resimulate,
        }) => {
            let wanted = WhatIfArgs { week, drop, add };
            whatif(&log, wanted, scenario.as_deref(), json, resimulate)
        }
        Some(Command::Report {
            log,
            out: dir,
            seeds,
            scenario,
            resimulate,
        }) => report(&log, &dir, seeds, scenario.as_deref(), resimulate),
        Some(Command::Luck {
            log,
            seeds,
            scenario,
            json,
            resimulate,
        }) => luck(&log, seeds, scenario.as_deref(), json, resimulate),
    }
}

/// Files as given; folders become their `.ron` files, sorted (not recursive).
fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
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
fn load_checked(p: &std::path::Path) -> Result<scenario::Scenario, Vec<scenario::Diagnostic>> {
    let mut sc = scenario::load(p)?;
    let extra = headless::lint(&sc);
    sc.warnings.extend(extra);
    Ok(sc)
}

fn validate(paths: &[PathBuf], json: bool) -> ExitCode {
    let mut all = Vec::new();
    let mut ok = true;
    for p in &expand(paths) {
        match load_checked(p) {
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
    let report = match log_path {
        None => headless::run(&sc, policy, bot.as_mut(), seed, weeks),
        Some(p) => {
            let (report, mut log) = headless::log::record(&sc, policy, bot.as_mut(), seed, weeks);
            log.table = table;
            if let Err(e) = log.write(p) {
                eprintln!("orgcraft: cannot write the log {}: {e}", p.display());
                return ExitCode::from(1);
            }
            report
        }
    };
    print_report(&sc, &report, json)
}

/// `run FILE --plan NAME`: one plan's line on one seed, with its debrief.
fn run_plan(
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
    let Some((report, mut log, refused)) = headless::plans::run_plan(&sc, plan, seed) else {
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
    print_report(&sc, &report, json)
}

/// Prints a run's report as `run` does: one line, or the JSON object.
fn print_report(sc: &scenario::Scenario, report: &headless::RunReport, json: bool) -> ExitCode {
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

/// A decision log as the current model plays it, and its scenario.
struct Loaded {
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
fn scenario_beside(
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
fn log_and_scenario(
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
        orgcraft::model::MODEL_VERSION
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
fn compare_results(
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

fn replay(
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
                "model_version": orgcraft::model::MODEL_VERSION,
                "logged": loaded.logged_result,
                "resimulated": r.report,
                "dropped": r.dropped,
            }));
        }
        return print_report(&loaded.sc, &r.report, false);
    }
    let (log, sc) = (loaded.log, loaded.sc);
    match headless::log::replay(&sc, &log) {
        Ok(report) => {
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
                        .map(|(i, a)| format!("[{i}] {}", a.kind()))
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
struct WhatIfArgs {
    week: Option<u32>,
    drop: Option<usize>,
    add: Option<String>,
}

fn whatif(
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

fn luck(
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

fn report(
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
        Ok(r) => r,
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
    let data = orgcraft::report::ReportData {
        scenario: &sc,
        log: &log,
        run: &run,
        luck: luck.as_ref(),
    };
    if let Err(e) = orgcraft::report::write(&data, dir) {
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

fn session(action: SessionCommand) -> ExitCode {
    match action {
        SessionCommand::New {
            scenario: path,
            seed,
            tables,
            out: dir,
        } => {
            if !(1..=50).contains(&tables) {
                eprintln!("orgcraft: --tables {tables} is out of range 1..=50");
                return ExitCode::from(2);
            }
            let Some(sc) = load_or_report(&path) else {
                return ExitCode::from(1);
            };
            let text = match orgcraft::scenario::read_source(&path) {
                Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                Err(e) => {
                    eprintln!("orgcraft: cannot read {}: {e}", path.display());
                    return ExitCode::from(1);
                }
            };
            let seed = seed.unwrap_or(sc.raw.seed);
            match orgcraft::report::session::new_pack(&sc, &text, seed, tables, &dir) {
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
        SessionCommand::Merge {
            logs,
            out: dir,
            scenario: scenario_path,
            resimulate,
        } => {
            // The scenario only: each table's log is read (and re-simulated) below.
            let sc = match log_and_scenario(&logs[0], scenario_path.as_deref(), false) {
                Ok(x) => x.sc,
                Err(c) => return c,
            };
            let tables = match orgcraft::report::session::load_tables(&sc, &logs, resimulate) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("orgcraft: {e}");
                    return ExitCode::from(1);
                }
            };
            if let Err(e) = orgcraft::report::session::write_merge(&sc, &tables, &dir) {
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

fn load_or_report(path: &std::path::Path) -> Option<scenario::Scenario> {
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

fn balance(
    path: &std::path::Path,
    runs: u32,
    policies: Option<Vec<String>>,
    seed: Option<u64>,
    json: bool,
) -> ExitCode {
    use orgcraft::headless::balance::{self, DEFAULT_POLICIES};
    if runs == 0 || runs > 1_000_000 {
        eprintln!("orgcraft: --runs {runs} is out of range 1..=1000000");
        return ExitCode::from(2);
    }
    let policies: Vec<String> = policies
        .unwrap_or_else(|| DEFAULT_POLICIES.iter().map(|s| s.to_string()).collect())
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if let Some(bad) = policies
        .iter()
        .find(|p| headless::policy_by_name(p).is_none())
    {
        eprintln!(
            "orgcraft: unknown policy \"{bad}\"; choose from: {}",
            POLICY_NAMES.join(", ")
        );
        return ExitCode::from(2);
    }
    if policies.is_empty() {
        eprintln!("orgcraft: --policies is empty");
        return ExitCode::from(2);
    }
    let Some(sc) = load_or_report(path) else {
        return ExitCode::from(1);
    };
    let seed = seed.unwrap_or(sc.raw.seed);
    let total = u64::from(runs) * policies.len() as u64;
    // The bar draws on stderr and hides itself when stderr is not a terminal.
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} {wide_bar} {pos}/{len} runs  {per_sec}  eta {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let started = std::time::Instant::now();
    let tick = || bar.inc(1);
    let report = match balance::balance(&sc, runs, &policies, seed, &tick) {
        Ok(r) => r,
        Err(e) => {
            bar.finish_and_clear();
            eprintln!("orgcraft: {e}");
            return ExitCode::from(2);
        }
    };
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    if json {
        let mut v = serde_json::to_value(&report).unwrap_or_default();
        v["seconds"] = serde_json::json!(secs);
        out(&v.to_string());
    } else {
        out(&format!(
            "{}: {} runs per policy, seeds {}..{} ({total} runs in {secs:.1} s)",
            sc.raw.title,
            runs,
            seed,
            seed.wrapping_add(u64::from(runs) - 1)
        ));
        out(&format!(
            "  {:<10} {:>17} {:>17} {:>17}",
            "policy", "culture p10/50/90", "product p10/50/90", "combined p10/50/90"
        ));
        for p in &report.policies {
            let f = |s: headless::Spread| format!("{:>5.1} {:>5.1} {:>5.1}", s.p10, s.p50, s.p90);
            out(&format!(
                "  {:<10} {:>17} {:>17} {:>17}",
                p.policy,
                f(p.culture),
                f(p.product),
                f(p.combined)
            ));
        }
        if report.findings.is_empty() {
            out("  findings: none");
        } else {
            out("  findings:");
            for f in &report.findings {
                out(&format!("    {}: {}", f.kind.label(), f.message));
            }
        }
    }
    if report.findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// One initiative's weeks over a plan's seeds, for `check`.
fn initiative_line(it: &headless::plans::InitiativeWeeks) -> String {
    let share = |s: f64| format!("{:.0} % of seeds", s * 100.0);
    let week = |w: Option<f64>| w.map_or(String::new(), |w| format!(", median week {w}"));
    let mut line = format!("initiative {}", it.initiative);
    if let Some(d) = it.deadline_week {
        line.push_str(&format!(" (date: week {d})"));
    }
    if it.shipped_share > 0.0 {
        line.push_str(&format!(
            ": shipped in {}{}",
            share(it.shipped_share),
            week(it.shipped_median_week)
        ));
    } else {
        line.push_str(": not shipped");
    }
    if it.missed_share > 0.0 {
        line.push_str(&format!(
            "; missed its date in {}{}",
            share(it.missed_share),
            week(it.missed_median_week)
        ));
    }
    line
}

fn check(paths: &[PathBuf], seeds: Option<u32>, json: bool) -> ExitCode {
    if seeds.is_some_and(|n| n == 0 || n > 1_000) {
        eprintln!("orgcraft: --seeds must be in 1..=1000");
        return ExitCode::from(2);
    }
    let mut all_pass = true;
    let mut json_out = Vec::new();
    for path in &expand(paths) {
        let Some(sc) = load_or_report(path) else {
            all_pass = false;
            continue;
        };
        // `--seeds` replaces each plan's own seeds: the file's work limit applies to it too.
        if let Some(n) = seeds {
            let work = headless::plans::work(&sc, Some(n));
            if work > scenario::limits::MAX_PLAN_WORK {
                eprintln!(
                    "orgcraft: --seeds {n} asks {} for {work} person-weeks of simulation (seeds × weeks × people, summed over plans); the limit is {}",
                    path.display(),
                    scenario::limits::MAX_PLAN_WORK
                );
                return ExitCode::from(2);
            }
        }
        let results = headless::plans::check(&sc, seeds);
        if results.is_empty() {
            eprintln!(
                "{}: no plans (add `plans: [...]`, see scenarios/README.md)",
                path.display()
            );
            all_pass = false;
        }
        all_pass &= results.iter().all(|r| r.pass);
        if json {
            json_out.push(serde_json::json!({
                "scenario": path.display().to_string(),
                "plans": results,
            }));
            continue;
        }
        out(&format!("{} ({})", sc.raw.title, path.display()));
        for r in &results {
            let s = |x: headless::Spread| format!("{:.1} [{:.1}–{:.1}]", x.p50, x.p10, x.p90);
            out(&format!(
                "  {} {} ({} seed{}, {}): culture {}, product {}, combined {}",
                if r.pass { "PASS" } else { "FAIL" },
                r.name,
                r.seeds.len(),
                if r.seeds.len() == 1 { "" } else { "s" },
                r.policy,
                s(r.culture),
                s(r.product),
                s(r.combined)
            ));
            for ev in &r.events {
                let when = ev
                    .median_week
                    .map_or(String::new(), |w| format!(", median week {w}"));
                out(&format!(
                    "       expected event {}: {:.0} % of seeds{when}",
                    ev.text,
                    ev.share * 100.0
                ));
            }
            for it in &r.initiatives {
                out(&format!("       {}", initiative_line(it)));
            }
            for (w, a, why) in &r.refused_steps {
                out(&format!("       note: week {w} {a} was refused: {why}"));
            }
            for f in &r.failures {
                out(&format!("       fail: {f}"));
            }
        }
    }
    if json {
        out(&serde_json::Value::Array(json_out).to_string());
    }
    if all_pass {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
