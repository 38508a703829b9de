//! The game window: Bevy + bevy_egui around `GuiState`. The window only reads the simulation
//! and sends `Action`s through the same turn schedule as the headless runners (`game::Game`
//! wraps `headless::Sim`).
//!
//! - `state`: screens, overlays and the `Command`s that change them (headless-testable).
//! - `game`: one game in progress: queue with undo, week summaries, decisions.
//! - `catalog`: which actions apply to a selection, with explanations.
//! - `save`: atomic autosaves that replay decisions.
//! - `ui`: egui drawing, one module per screen.
//! - `offscreen`: renders screens to images without a window (golden tests).
//! - this file: the windowed app, autoplay with screenshots, and the playtest file watcher.

pub mod catalog;
pub mod game;
pub mod offscreen;
pub mod save;
pub mod state;
pub mod ui;
pub mod watch;

use std::path::{Path, PathBuf};
use std::time::Duration;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};
use bevy::window::{PresentMode, WindowResolution};
use bevy::winit::WinitSettings;
use bevy_egui::egui::{LayerId, Ui, UiBuilder};
use bevy_egui::{EguiContexts, EguiPlugin, EguiPrimaryContextPass};

use crate::headless::{Policy, policy_by_name};
use save::SaveStore;
use state::{Command, GuiState, Overlay, Screen};

/// How `orgcraft` / `orgcraft play` opens the window.
#[derive(Clone, Debug, Default)]
pub struct WindowOptions {
    /// Open this scenario on its briefing (and watch it for changes: trainer playtest).
    pub scenario: Option<PathBuf>,
    pub seed: Option<u64>,
    /// Let this bot play every week through the window.
    pub autoplay: Option<String>,
    /// Save a PNG of every screen, and of the playing screen each week, here.
    pub screenshots: Option<PathBuf>,
    pub exit_after_debrief: bool,
    /// Save folder (default: `save::default_dir()`).
    pub save_dir: Option<PathBuf>,
}

/// The folders the scenario picker lists: the shipped scenarios and the player's own.
pub fn scenario_folders(saves: &Path) -> Vec<(PathBuf, &'static str)> {
    let shipped = std::env::var_os("ORGCRAFT_SCENARIOS")
        .map(PathBuf::from)
        .or_else(|| {
            // Beside the binary's working folder, else where the crate was built.
            [
                PathBuf::from("scenarios"),
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios"),
            ]
            .into_iter()
            .find(|p| p.is_dir())
        })
        .unwrap_or_else(|| PathBuf::from("scenarios"));
    vec![(shipped, "shipped"), (saves.join("scenarios"), "yours")]
}

/// Builds the interface state for `opts` (shared by the window and the offscreen renderer).
pub fn initial_state(opts: &WindowOptions) -> Result<GuiState, String> {
    let dir = opts.save_dir.clone().unwrap_or_else(save::default_dir);
    let mut st = GuiState::new(&scenario_folders(&dir), SaveStore::new(dir));
    st.seed_override = opts.seed;
    if let Some(p) = &opts.scenario
        && opts.autoplay.is_none()
        && let Err(d) = st.open_file(p, true)
    {
        // A broken file on the command line: say so in the terminal too, and show the
        // diagnostics in the window's playtest banner.
        let text: Vec<String> = d.iter().map(|x| x.to_string()).collect();
        if st.playtest.is_none() {
            return Err(text.join("\n"));
        }
        eprintln!("{}", text.join("\n"));
        if let Some(pt) = st.playtest.as_mut() {
            pt.diagnostics = d;
        }
        st.message = Some(format!(
            "{} does not load; fix it and save: the game reloads it.",
            p.display()
        ));
    }
    Ok(st)
}

/// Opens the window and runs until the player quits (or autoplay ends).
pub fn run_window(opts: WindowOptions) -> AppExit {
    let st = match initial_state(&opts) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return AppExit::from_code(1);
        }
    };
    let autoplay = match &opts.autoplay {
        None => None,
        Some(name) => match policy_by_name(name) {
            Some(p) => Some(Autoplay::new(p, &opts)),
            None => {
                eprintln!(
                    "orgcraft: unknown policy '{name}'; choose one of: {}",
                    crate::headless::POLICY_NAMES.join(", ")
                );
                return AppExit::from_code(2);
            }
        },
    };
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: "Orgcraft".into(),
            resolution: WindowResolution::new(1280, 800),
            present_mode: PresentMode::AutoVsync,
            ..default()
        }),
        ..default()
    }))
    .add_plugins(EguiPlugin::default())
    .insert_resource(ClearColor(Color::srgb(0.1, 0.1, 0.12)))
    .add_systems(Startup, spawn_camera)
    .add_systems(EguiPrimaryContextPass, ui_system)
    .add_systems(Update, (watch::poll_system, exit_system));
    if autoplay.is_some() {
        // A bot plays: render continuously so frames (and screenshots) keep coming.
        app.insert_resource(WinitSettings::continuous());
        app.add_systems(Update, autoplay_system.before(exit_system));
    } else {
        // Reactive: an idle window redraws only on input (or once a second, to notice a
        // changed playtest file), so it uses almost no CPU.
        app.insert_resource(WinitSettings {
            focused_mode: bevy::winit::UpdateMode::reactive_low_power(Duration::from_secs(1)),
            unfocused_mode: bevy::winit::UpdateMode::reactive_low_power(Duration::from_secs(2)),
        });
    }
    if let Some(pt) = &st.playtest {
        match watch::Watch::new(&pt.path) {
            Ok(w) => {
                app.insert_non_send(w);
            }
            Err(e) => eprintln!("orgcraft: cannot watch {}: {e}", pt.path.display()),
        }
    }
    app.insert_non_send(st);
    if let Some(a) = autoplay {
        app.insert_non_send(a);
    }
    app.run()
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn(Camera2d);
}

/// Draws the interface and applies what the player asked for.
pub fn ui_system(mut contexts: EguiContexts, mut st: NonSendMut<GuiState>) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut root = Ui::new(
        ctx.clone(),
        "root".into(),
        UiBuilder::new()
            .layer_id(LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    let cmds = ui::draw(&mut root, &st);
    for c in cmds {
        st.apply(c);
    }
    Ok(())
}

fn exit_system(st: NonSend<GuiState>, mut exit: MessageWriter<AppExit>) {
    if st.quit {
        exit.write(AppExit::Success);
    }
}

/// A bot playing through the window, with a screenshot of each step.
pub struct Autoplay {
    policy: Box<dyn Policy>,
    scenario: Option<PathBuf>,
    shots: Option<PathBuf>,
    exit_after_debrief: bool,
    step: AutoStep,
    /// Frames to wait before the next step (lets egui lay out the new screen).
    wait: u32,
    /// A screenshot being written: its path and how many frames we have waited for it.
    pending_shot: Option<(PathBuf, u32)>,
    pub taken: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AutoStep {
    Title,
    Picker,
    Briefing,
    Plan,
    Confirm,
    Summary,
    Debrief,
    Done,
}

impl Autoplay {
    fn new(policy: Box<dyn Policy>, opts: &WindowOptions) -> Autoplay {
        Autoplay {
            policy,
            scenario: opts.scenario.clone(),
            shots: opts.screenshots.clone(),
            exit_after_debrief: opts.exit_after_debrief,
            step: AutoStep::Title,
            wait: 6,
            pending_shot: None,
            taken: Vec::new(),
        }
    }

    fn shoot(&mut self, commands: &mut Commands, name: &str) {
        let Some(dir) = &self.shots else {
            return;
        };
        let _ = std::fs::create_dir_all(dir);
        let path = dir.join(format!("{name}.png"));
        let _ = std::fs::remove_file(&path);
        commands
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(path.clone()));
        self.pending_shot = Some((path, 0));
    }
}

fn autoplay_system(
    mut a: NonSendMut<Autoplay>,
    mut st: NonSendMut<GuiState>,
    mut commands: Commands,
    mut exit: MessageWriter<AppExit>,
) {
    // Wait for the previous screenshot to reach the disk before changing the screen.
    if let Some((path, frames)) = a.pending_shot.as_mut() {
        *frames += 1;
        if path.exists() && std::fs::metadata(&*path).is_ok_and(|m| m.len() > 0) {
            let p = path.clone();
            a.taken.push(p);
            a.pending_shot = None;
            a.wait = 2;
        } else if *frames > 600 {
            eprintln!("orgcraft: screenshot {} was not written", path.display());
            a.pending_shot = None;
        }
        return;
    }
    if a.wait > 0 {
        a.wait -= 1;
        return;
    }
    let a = &mut *a;
    let wait = 4;
    match a.step {
        AutoStep::Title => {
            a.shoot(&mut commands, "01_title");
            st.apply(Command::NewGame);
            a.step = AutoStep::Picker;
        }
        AutoStep::Picker => {
            a.shoot(&mut commands, "02_picker");
            let path = a.scenario.clone();
            let picked = path
                .as_ref()
                .and_then(|p| {
                    let want = std::fs::canonicalize(p).ok();
                    st.catalog
                        .iter()
                        .position(|e| std::fs::canonicalize(&e.path).ok() == want)
                })
                .or(if path.is_none() { Some(0) } else { None });
            match (picked, path) {
                (Some(i), _) => st.apply(Command::Pick(i)),
                (None, Some(p)) => {
                    if let Err(d) = st.open_file(&p, false) {
                        for x in d {
                            eprintln!("{x}");
                        }
                        exit.write(AppExit::from_code(1));
                        a.step = AutoStep::Done;
                        return;
                    }
                }
                (None, None) => {}
            }
            a.step = AutoStep::Briefing;
        }
        AutoStep::Briefing => {
            if st.screen != Screen::Briefing {
                eprintln!("orgcraft: the scenario did not open: {:?}", st.message);
                exit.write(AppExit::from_code(1));
                a.step = AutoStep::Done;
                return;
            }
            a.shoot(&mut commands, "03_briefing");
            st.apply(Command::BeginPlaying);
            a.step = AutoStep::Plan;
        }
        AutoStep::Plan => {
            let week = st.game.as_ref().map(|g| g.week()).unwrap_or(0);
            st.autoplay_queue(a.policy.as_mut());
            if week == 1 {
                // Show the other tabs once, so every screen has a picture.
                st.apply(Command::Tab(state::Tab::Org));
            }
            let tab = state::Tab::ALL[(week as usize + 4) % state::Tab::ALL.len()];
            st.apply(Command::Tab(tab));
            a.shoot(&mut commands, &format!("10_week_{week:02}"));
            st.apply(Command::AskEndWeek);
            a.step = AutoStep::Confirm;
        }
        AutoStep::Confirm => {
            let week = st.game.as_ref().map(|g| g.week()).unwrap_or(0);
            if week == 1 {
                a.shoot(&mut commands, "04_confirm_end_week");
            }
            st.apply(Command::ConfirmEndWeek);
            a.step = AutoStep::Summary;
        }
        AutoStep::Summary => {
            let week = st.last_summary().map(|s| s.week).unwrap_or(0);
            if week == 1 {
                a.shoot(&mut commands, "05_week_summary");
            }
            st.apply(Command::CloseOverlay);
            a.step = if st.screen == Screen::Debrief {
                AutoStep::Debrief
            } else {
                AutoStep::Plan
            };
        }
        AutoStep::Debrief => {
            a.shoot(&mut commands, "90_debrief");
            a.step = AutoStep::Done;
        }
        AutoStep::Done => {
            if a.exit_after_debrief {
                if let Some(g) = st.game.as_ref()
                    && let Some(r) = g.report.as_ref()
                {
                    println!(
                        "autoplay finished: culture {:.1}, product {:.1}, combined {:.1}; {} screenshot(s)",
                        r.culture,
                        r.product,
                        r.combined,
                        a.taken.len()
                    );
                }
                exit.write(AppExit::Success);
            }
            return;
        }
    }
    if st.overlay == Overlay::Pause {
        st.apply(Command::CloseOverlay);
    }
    a.wait = wait;
}
