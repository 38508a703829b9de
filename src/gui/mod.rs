//! The game window: Bevy + bevy_egui around `GuiState`. The window only reads the simulation
//! and sends `Action`s through the same turn schedule as the headless runners (`game::Game`
//! wraps `headless::Sim`).
//!
//! - `state`: screens, overlays and the `Command`s that change them (headless-testable).
//! - `game`: one game in progress: queue with undo, week summaries, decisions.
//! - `catalog`: which actions apply to a selection, with explanations.
//! - `guide`: the guided first game's hints, worked out from the state.
//! - `save`: atomic autosaves that replay decisions.
//! - `ui`: egui drawing, one module per screen.
//! - `offscreen`: renders screens to images without a window (golden tests).
//! - this file: the windowed app, autoplay with screenshots, and the playtest file watcher.

pub mod catalog;
pub mod game;
pub mod guide;
pub mod moments;
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
use state::{Command, GuiState, Screen};

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
    /// The workshop table this window plays for (names its decision log).
    pub table: Option<String>,
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
    st.table = opts.table.clone();
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

/// When the window was asked for (for `ORGCRAFT_TIMING=1`: time to first frame).
static OPENED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Set once a frame with the interface on it has been seen (`ORGCRAFT_TIMING=1`).
static DRAWN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// With `ORGCRAFT_TIMING=1`, prints on stderr how long it took until a frame with the
/// interface drawn on it came back from the GPU: every frame is captured until one has more
/// than a handful of colours (the first frames are blank while shaders compile). The capture
/// arrives a frame or two after rendering, so the figure errs on the slow side. Until then it
/// asks for frames itself: an idle window draws none, and the capture arrives with the next.
fn first_frame_timing(
    mut commands: Commands,
    mut frames: Local<u32>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    use std::sync::atomic::Ordering;
    if DRAWN.load(Ordering::Relaxed)
        || *frames > 600
        || !std::env::var("ORGCRAFT_TIMING").is_ok_and(|v| v == "1")
    {
        return;
    }
    *frames += 1;
    redraw.write(bevy::window::RequestRedraw);
    let frame = *frames;
    commands.spawn(Screenshot::primary_window()).observe(
        move |shot: On<bevy::render::view::screenshot::ScreenshotCaptured>| {
            let Some(data) = shot.image.data.as_ref() else {
                return;
            };
            let mut seen = std::collections::BTreeSet::new();
            for px in data.chunks_exact(4).step_by(97) {
                seen.insert([px[0], px[1], px[2]]);
            }
            if seen.len() > 8
                && !DRAWN.swap(true, Ordering::Relaxed)
                && let Some(t) = OPENED.get()
            {
                eprintln!(
                    "orgcraft: first frame with the interface after {} ms (frame {frame})",
                    t.elapsed().as_millis()
                );
            }
        },
    );
}

/// With `ORGCRAFT_TIMING=1`, reports on stderr how long frames take while the window redraws
/// continuously (an animation after End week, a tooltip fading): each run of frames less than
/// a second apart, once a gap of a second or more ends it (the window went idle), as its count,
/// median, 95th percentile and longest frame. An idle window draws no frames, so idle time is
/// not counted.
fn frame_timing(mut last: Local<Option<std::time::Instant>>, mut run: Local<Vec<f64>>) {
    if !std::env::var("ORGCRAFT_TIMING").is_ok_and(|v| v == "1") {
        return;
    }
    let now = std::time::Instant::now();
    if let Some(before) = last.replace(now) {
        let ms = now.duration_since(before).as_secs_f64() * 1000.0;
        if ms < 1000.0 {
            run.push(ms);
        } else {
            report_frames(&mut run);
        }
    }
}

/// Prints one run of frame times (see `frame_timing`) and empties it; short runs are noise.
fn report_frames(run: &mut Vec<f64>) {
    if run.len() >= 5 {
        run.sort_by(f64::total_cmp);
        let at = |q: f64| run[((run.len() - 1) as f64 * q).round() as usize];
        eprintln!(
            "orgcraft: {} frames back to back: median {:.1} ms, 95th percentile {:.1} ms, longest {:.1} ms",
            run.len(),
            at(0.5),
            at(0.95),
            at(1.0)
        );
    }
    run.clear();
}

/// Opens the window and runs until the player quits (or autoplay ends).
pub fn run_window(opts: WindowOptions) -> AppExit {
    let _ = OPENED.set(std::time::Instant::now());
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
    .add_systems(
        PreUpdate,
        drop_unchanged_modifiers
            .after(bevy_egui::EguiInputSet::WriteEguiEvents)
            .before(bevy_egui::EguiPreUpdateSet::BeginPass),
    )
    .add_systems(Update, (first_frame_timing, frame_timing))
    .add_systems(Update, (watch::poll_system, exit_system))
    .add_systems(
        PostUpdate,
        refresh_egui_textures.after(bevy_egui::EguiPostUpdateSet::PostProcessOutput),
    );
    if autoplay.is_some() {
        // A bot plays: render continuously so frames (and screenshots) keep coming.
        app.insert_resource(WinitSettings::continuous());
        app.add_systems(Update, autoplay_system.before(exit_system));
    } else {
        // Reactive: an idle window redraws only on input, so it uses almost no CPU. During a
        // playtest the file watcher wakes it when the scenario file changes (`watch::Waker`).
        let wake = Duration::from_secs(30);
        app.insert_resource(WinitSettings {
            focused_mode: bevy::winit::UpdateMode::reactive_low_power(wake),
            unfocused_mode: bevy::winit::UpdateMode::reactive_low_power(wake * 2),
        });
    }
    if let Some(pt) = &st.playtest {
        let proxy = app
            .world()
            .get_resource::<bevy::winit::EventLoopProxyWrapper>()
            .map(|p| (**p).clone());
        let waker: Option<watch::Waker> = proxy.map(|p| -> watch::Waker {
            Box::new(move || {
                let _ = p.send_event(bevy::winit::WinitUserEvent::WakeUp);
            })
        });
        match watch::Watch::new(&pt.path, waker) {
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

/// bevy_egui 0.42 sends egui a `ModifiersChanged` event every frame; egui counts any event as
/// input and asks for another frame, so the window never went idle (measured: 170 % CPU on
/// the title screen). Passing the event on only when the modifiers really change lets the
/// reactive update mode sleep.
fn drop_unchanged_modifiers(
    mut inputs: Query<&mut bevy_egui::EguiInput>,
    mut last: Local<Option<bevy_egui::egui::Modifiers>>,
) {
    for mut input in &mut inputs {
        input.events.retain(|e| match e {
            bevy_egui::egui::Event::ModifiersChanged(m) => {
                let changed = *last != Some(*m);
                *last = Some(*m);
                changed
            }
            _ => true,
        });
    }
}

/// Marks egui's textures changed after each drawn frame, so the renderer uploads them whole.
///
/// Why: glyphs that egui adds to its font atlas after the first frame arrive as partial
/// texture updates, and with bevy_egui 0.42 on bevy 0.19 those did not reach the GPU here —
/// screenshots showed letters missing for the rest of the game. Re-uploading the atlas (a few
/// MB, only on frames that are drawn at all) fixed every screenshot.
pub fn refresh_egui_textures(
    managed: Res<bevy_egui::EguiManagedTextures>,
    mut images: ResMut<Assets<Image>>,
) {
    for t in managed.values() {
        if let Some(img) = images.get_mut(t.handle.id()) {
            let _ = img.into_inner();
        }
    }
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn(Camera2d);
}

/// Draws the interface and applies what the player asked for.
pub fn ui_system(
    mut contexts: EguiContexts,
    mut st: NonSendMut<GuiState>,
    mut last_causes: Local<String>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    if std::env::var("ORGCRAFT_TIMING").is_ok_and(|v| v == "1") {
        // Why this frame is drawn: what asked egui for it last frame (an idle window should
        // have nothing here). Printed when it changes, so an animation prints once.
        let causes: Vec<String> = ctx.repaint_causes().iter().map(|c| c.to_string()).collect();
        let causes = causes.join(", ");
        if *last_causes != causes && !causes.is_empty() {
            eprintln!("orgcraft: frame asked for by {causes}");
        }
        *last_causes = causes;
    }
    if std::env::var("ORGCRAFT_TIMING").is_ok_and(|v| v == "2") {
        // Every frame, with its causes and input events: for a window that will not go idle.
        let events = ctx.input(|i| format!("{:?}", i.raw.events));
        eprintln!(
            "orgcraft-frame {:?} causes {:?} events {events}",
            std::time::Instant::now(),
            ctx.repaint_causes()
        );
    }
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
///
/// Each step sets a screen up, waits for egui to lay it out, takes the screenshot, waits until
/// the PNG is on disk, and only then gives the commands that move on (so every picture shows
/// the screen it is named after).
pub struct Autoplay {
    policy: Box<dyn Policy>,
    scenario: Option<PathBuf>,
    shots: Option<PathBuf>,
    exit_after_debrief: bool,
    step: AutoStep,
    /// Frames to wait before the next step (lets egui lay out the new screen and upload glyphs).
    wait: u32,
    /// A screenshot being written: its path and how many frames we have waited for it.
    pending_shot: Option<(PathBuf, u32)>,
    /// Commands to give once the pending screenshot is on disk.
    after_shot: Vec<Command>,
    pub taken: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AutoStep {
    Title,
    Picker,
    Briefing,
    Plan,
    Help,
    Confirm,
    Summary,
    Debrief,
    Done,
}

/// Frames between a change of screen and its screenshot.
const SETTLE_FRAMES: u32 = 10;

impl Autoplay {
    fn new(policy: Box<dyn Policy>, opts: &WindowOptions) -> Autoplay {
        Autoplay {
            policy,
            scenario: opts.scenario.clone(),
            shots: opts.screenshots.clone(),
            exit_after_debrief: opts.exit_after_debrief,
            step: AutoStep::Title,
            wait: SETTLE_FRAMES,
            pending_shot: None,
            after_shot: Vec::new(),
            taken: Vec::new(),
        }
    }

    /// Takes a screenshot named `name` (if screenshots were asked for); `then` is given once it
    /// is written (at once without screenshots).
    fn shoot_then(
        &mut self,
        commands: &mut Commands,
        st: &mut GuiState,
        name: Option<String>,
        then: Vec<Command>,
    ) {
        match (&self.shots, name) {
            (Some(dir), Some(name)) => {
                let _ = std::fs::create_dir_all(dir);
                let path = dir.join(format!("{name}.png"));
                let _ = std::fs::remove_file(&path);
                commands
                    .spawn(Screenshot::primary_window())
                    .observe(save_to_disk(path.clone()));
                self.pending_shot = Some((path, 0));
                self.after_shot = then;
            }
            _ => {
                for c in then {
                    st.apply(c);
                }
                self.wait = 1;
            }
        }
    }
}

fn autoplay_system(
    mut a: NonSendMut<Autoplay>,
    mut st: NonSendMut<GuiState>,
    mut commands: Commands,
    mut exit: MessageWriter<AppExit>,
) {
    let a = &mut *a;
    // Wait for the screenshot to reach the disk before changing the screen.
    if let Some((path, frames)) = a.pending_shot.as_mut() {
        *frames += 1;
        let written = std::fs::metadata(&*path).is_ok_and(|m| m.len() > 0);
        if written || *frames > 600 {
            if written {
                a.taken.push(path.clone());
            } else {
                eprintln!("orgcraft: screenshot {} was not written", path.display());
            }
            a.pending_shot = None;
            for c in std::mem::take(&mut a.after_shot) {
                st.apply(c);
            }
            a.wait = SETTLE_FRAMES;
        }
        return;
    }
    if a.wait > 0 {
        a.wait -= 1;
        return;
    }
    match a.step {
        AutoStep::Title => {
            a.step = AutoStep::Picker;
            a.shoot_then(
                &mut commands,
                &mut st,
                Some("01_title".into()),
                vec![Command::NewGame],
            );
        }
        AutoStep::Picker => {
            let path = a.scenario.clone();
            let picked = match &path {
                Some(p) => {
                    let want = std::fs::canonicalize(p).ok();
                    st.catalog
                        .iter()
                        .position(|e| std::fs::canonicalize(&e.path).ok() == want)
                }
                None => (!st.catalog.is_empty()).then_some(0),
            };
            let then = match (picked, &path) {
                (Some(i), _) => vec![Command::Pick(i)],
                (None, Some(p)) => {
                    // Not in the picker's folders: open the file directly after the picture.
                    if let Err(d) = st.open_file(p, false) {
                        for x in d {
                            eprintln!("{x}");
                        }
                        exit.write(AppExit::from_code(1));
                        a.step = AutoStep::Done;
                        return;
                    }
                    st.screen = Screen::Picker;
                    vec![Command::OpenBriefing]
                }
                (None, None) => Vec::new(),
            };
            a.step = AutoStep::Briefing;
            a.shoot_then(&mut commands, &mut st, Some("02_picker".into()), then);
        }
        AutoStep::Briefing => {
            if st.screen != Screen::Briefing {
                eprintln!("orgcraft: the scenario did not open: {:?}", st.message);
                exit.write(AppExit::from_code(1));
                a.step = AutoStep::Done;
                return;
            }
            a.step = AutoStep::Plan;
            a.shoot_then(
                &mut commands,
                &mut st,
                Some("03_briefing".into()),
                vec![Command::BeginPlaying],
            );
        }
        AutoStep::Plan => {
            let week = st.game.as_ref().map(|g| g.week()).unwrap_or(0);
            st.autoplay_queue(a.policy.as_mut());
            // The org map on odd weeks, the other tabs in turn on even ones: every tab has
            // pictures, and the map (the main view) has most.
            let others = &state::Tab::ALL[1..];
            let tab = if week % 2 == 1 {
                state::Tab::Map
            } else {
                others[(week as usize / 2) % others.len()]
            };
            st.apply(Command::Tab(tab));
            a.step = if week == 1 {
                AutoStep::Help
            } else {
                AutoStep::Confirm
            };
            let then = if week == 1 {
                vec![Command::OpenHelp]
            } else {
                vec![Command::AskEndWeek]
            };
            a.shoot_then(
                &mut commands,
                &mut st,
                Some(format!("10_week_{week:02}")),
                then,
            );
        }
        AutoStep::Help => {
            a.step = AutoStep::Confirm;
            a.shoot_then(
                &mut commands,
                &mut st,
                Some("06_help".into()),
                vec![Command::CloseOverlay, Command::AskEndWeek],
            );
        }
        AutoStep::Confirm => {
            let week = st.game.as_ref().map(|g| g.week()).unwrap_or(0);
            a.step = AutoStep::Summary;
            let name = (week == 1).then(|| "04_confirm_end_week".to_string());
            a.shoot_then(&mut commands, &mut st, name, vec![Command::ConfirmEndWeek]);
        }
        AutoStep::Summary => {
            let week = st.last_summary().map(|s| s.week).unwrap_or(0);
            let over = st.game.as_ref().is_some_and(|g| g.is_over());
            a.step = if over {
                AutoStep::Debrief
            } else {
                AutoStep::Plan
            };
            let name = (week == 1 || over).then(|| format!("05_week_summary_{week:02}"));
            a.shoot_then(&mut commands, &mut st, name, vec![Command::CloseOverlay]);
        }
        AutoStep::Debrief => {
            a.step = AutoStep::Done;
            a.shoot_then(
                &mut commands,
                &mut st,
                Some("90_debrief".into()),
                Vec::new(),
            );
        }
        AutoStep::Done => {
            if a.exit_after_debrief {
                if let Some(r) = st.game.as_ref().and_then(|g| g.report.as_ref()) {
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
        }
    }
}
