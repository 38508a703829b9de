//! The `orgcraft` binary: argument parsing and exit codes only; the work lives in the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use orgcraft::cli;
#[cfg(feature = "gui")]
use orgcraft::headless::POLICY_NAMES;

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

/// What `play` (or no subcommand) asks of the window (unread in a build without one).
#[derive(Default)]
#[cfg_attr(not(feature = "gui"), allow(dead_code))]
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
        Some(Command::Validate { paths, json }) => cli::trainer::validate(&paths, json),
        Some(Command::Balance {
            scenario,
            runs,
            policies,
            seed,
            json,
        }) => cli::trainer::balance(&scenario, runs, policies, seed, json),
        Some(Command::Check { paths, seeds, json }) => cli::trainer::check(&paths, seeds, json),
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
            Some(name) => cli::run_plan(&scenario, &name, seed, json, log.as_deref(), table),
            None => cli::run(&scenario, &policy, seed, weeks, json, log.as_deref(), table),
        },
        Some(Command::Session {
            action:
                SessionCommand::New {
                    scenario,
                    seed,
                    tables,
                    out,
                },
        }) => cli::logs::session_new(scenario, seed, tables, out),
        Some(Command::Session {
            action:
                SessionCommand::Merge {
                    logs,
                    out,
                    scenario,
                    resimulate,
                },
        }) => cli::logs::session_merge(logs, out, scenario, resimulate),
        Some(Command::Replay {
            log,
            scenario,
            json,
            resimulate,
        }) => cli::logs::replay(&log, scenario.as_deref(), json, resimulate),
        Some(Command::Whatif {
            log,
            week,
            drop,
            add,
            scenario,
            json,
            resimulate,
        }) => {
            let wanted = cli::logs::WhatIfArgs { week, drop, add };
            cli::logs::whatif(&log, wanted, scenario.as_deref(), json, resimulate)
        }
        Some(Command::Report {
            log,
            out: dir,
            seeds,
            scenario,
            resimulate,
        }) => cli::logs::report(&log, &dir, seeds, scenario.as_deref(), resimulate),
        Some(Command::Luck {
            log,
            seeds,
            scenario,
            json,
            resimulate,
        }) => cli::logs::luck(&log, seeds, scenario.as_deref(), json, resimulate),
    }
}
