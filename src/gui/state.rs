//! The window's state machine: which screen is up, the game in progress, selection, overlays,
//! settings and the trainer's playtest. Every click and key press becomes a `Command`, and
//! `GuiState::apply` is the only place that changes this state — so the tests drive the
//! interface through the same commands as the mouse and keyboard, with no window.

use std::path::{Path, PathBuf};

use super::catalog::Selection;
use super::game::{Game, WeekSummary};
use super::save::{SaveStatus, SaveStore};
use crate::headless::Policy;
use crate::model::DemandId;
use crate::scenario::{self, Diagnostic, Scenario, Severity};
use crate::sim::{Action, Response};

/// The screens, in the order a player meets them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Screen {
    #[default]
    Title,
    Picker,
    Briefing,
    Playing,
    Debrief,
}

/// A modal layer over the current screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Overlay {
    #[default]
    None,
    /// Pause menu (Esc): resume, settings, save and quit to title.
    Pause,
    Settings,
    /// Keyboard shortcuts (F1).
    Help,
    /// "End week N?" with what is queued.
    ConfirmEndWeek,
    /// The summary of the week just played.
    WeekSummary,
    /// A what-if comparison from the debrief.
    WhatIf,
}

/// A tab of the playing screen's centre.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Tab {
    /// The org map: teams, people, work, dependencies and stakeholders in one picture.
    #[default]
    Map,
    /// The same org as cards of meters (for reading exact values).
    Org,
    Dependencies,
    Stakeholders,
    Product,
    Charts,
}

impl Tab {
    pub const ALL: [Tab; 6] = [
        Tab::Map,
        Tab::Org,
        Tab::Dependencies,
        Tab::Stakeholders,
        Tab::Product,
        Tab::Charts,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Tab::Map => "Org map",
            Tab::Org => "People",
            Tab::Dependencies => "Dependencies",
            Tab::Stakeholders => "Stakeholders",
            Tab::Product => "Product",
            Tab::Charts => "Charts",
        }
    }
}

/// Player preferences (kept for the session).
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// UI scale factor (1.0 = 100 %).
    pub ui_scale: f32,
    /// Show every chart as a table instead of a plot.
    pub charts_as_tables: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            ui_scale: 1.0,
            charts_as_tables: false,
        }
    }
}

/// A scenario the picker offers.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioEntry {
    pub path: PathBuf,
    pub title: String,
    pub weeks: u32,
    pub difficulty: u8,
    pub lesson: String,
    /// "shipped" or "yours".
    pub origin: &'static str,
    /// Why it does not load, if it does not (shown in the picker, not playable).
    pub error: Option<String>,
    /// A guided first game (`guided: true`): listed first, marked "start here".
    pub guided: bool,
}

/// The trainer's playtest: the scenario file being watched and what its latest version says.
#[derive(Clone, Debug, Default)]
pub struct Playtest {
    pub path: PathBuf,
    /// A newer valid version, offered as a restart.
    pub pending: Option<(Scenario, String)>,
    /// Problems of the latest version (the current game keeps running).
    pub diagnostics: Vec<Diagnostic>,
    /// How many times the file changed.
    pub reloads: u32,
}

/// Everything the player can ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    NewGame,
    Continue,
    Quit,
    /// Open the briefing of the picker's entry.
    Pick(usize),
    BackToTitle,
    BeginPlaying,
    Select(Selection),
    Tab(Tab),
    Queue(Action),
    Respond(DemandId, Response),
    Undo(usize),
    UndoLast,
    AskEndWeek,
    ConfirmEndWeek,
    CloseOverlay,
    TogglePause,
    OpenSettings,
    OpenHelp,
    SetScale(f32),
    ToggleTables,
    /// Restart on the newer version of the watched scenario.
    RestartPlaytest,
    ShowDebrief,
    /// Show the briefing of the scenario already chosen (opened from a file).
    OpenBriefing,
    /// Reopen the last week's summary.
    ShowWeekSummary,
    /// Write the finished game's report (HTML + Markdown) into the save folder.
    ExportReport,
    /// Debrief: replay the game without the week's K-th decision, on the same random streams.
    WhatIfDrop {
        week: u32,
        index: usize,
    },
    /// Title, for a save of another model version: continue it on the current model (its
    /// decisions replayed; any that no longer apply are listed).
    ContinueOnNewModel,
    /// Title, for a save of another model version: start its scenario again from week 1.
    RestartSavedScenario,
    /// Guided game: move past a hint that waits for "Next".
    GuideNext(super::guide::Step),
    /// Guided game: hide the hints, or show them again.
    ToggleHints,
}

/// The whole interface state.
pub struct GuiState {
    pub screen: Screen,
    pub overlay: Overlay,
    pub tab: Tab,
    pub selection: Selection,
    pub settings: Settings,
    pub catalog: Vec<ScenarioEntry>,
    /// The scenario chosen in the picker (briefing shows it before the game starts).
    pub chosen: Option<(Scenario, String, PathBuf)>,
    pub game: Option<Game>,
    /// The scenario text of the game in progress (saved with it).
    pub scenario_text: String,
    pub seed_override: Option<u64>,
    /// The workshop table this window plays for (`--table`), if any.
    pub table: Option<String>,
    pub saves: SaveStore,
    pub save_status: SaveStatus,
    /// A one-line message for the player (refusals, save problems); cleared by the next action.
    pub message: Option<String>,
    pub playtest: Option<Playtest>,
    pub quit: bool,
    /// The last what-if asked for from the debrief: what was dropped, and the comparison.
    pub whatif: Option<(String, crate::headless::log::WhatIf)>,
    /// Autosave failures are reported, never fatal.
    pub last_save_error: Option<String>,
    /// The guided first game's progress through its hints (`guide`).
    pub guide: super::guide::Guide,
}

impl GuiState {
    /// A fresh interface on the title screen, with the scenarios found in `folders`.
    pub fn new(folders: &[(PathBuf, &'static str)], saves: SaveStore) -> GuiState {
        let save_status = saves.status();
        GuiState {
            screen: Screen::Title,
            overlay: Overlay::None,
            tab: Tab::Map,
            selection: Selection::Org,
            settings: Settings::default(),
            catalog: scan_catalog(folders),
            chosen: None,
            game: None,
            scenario_text: String::new(),
            seed_override: None,
            table: None,
            saves,
            save_status,
            message: None,
            playtest: None,
            quit: false,
            whatif: None,
            last_save_error: None,
            guide: Default::default(),
        }
    }

    /// Opens a scenario file directly on its briefing (`orgcraft play FILE`), watching it for
    /// changes when `watch` is set. A file that does not load leaves the diagnostics on screen.
    pub fn open_file(&mut self, path: &Path, watch: bool) -> Result<(), Vec<Diagnostic>> {
        let bytes = scenario::read_source(path)
            .map_err(|e| vec![unreadable(&path.display().to_string(), &e.to_string())])?;
        if watch {
            self.playtest = Some(Playtest {
                path: path.to_path_buf(),
                ..Playtest::default()
            });
        }
        let sc = scenario::parse(&path.display().to_string(), &bytes)?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        self.chosen = Some((sc, text, path.to_path_buf()));
        self.screen = Screen::Briefing;
        Ok(())
    }

    /// The watched scenario file changed: revalidate it. A valid version is offered as a
    /// restart; a broken one shows its diagnostics. The current game goes on either way.
    /// The watched file changed: its new bytes (any encoding; the loader names a wrong one), or
    /// why it could not be read.
    pub fn playtest_changed(&mut self, bytes: Result<Vec<u8>, String>) {
        let Some(pt) = self.playtest.as_mut() else {
            return;
        };
        pt.reloads += 1;
        let file = pt.path.display().to_string();
        let parsed = bytes.map(|b| {
            let sc = scenario::parse(&file, &b);
            (sc, String::from_utf8_lossy(&b).into_owned())
        });
        match parsed {
            Err(e) => {
                pt.pending = None;
                pt.diagnostics = vec![unreadable(&file, &e)];
            }
            Ok((sc, t)) => match sc {
                Ok(sc) if self.game.is_none() => {
                    // No game to protect yet: show the new version's briefing at once.
                    pt.diagnostics = sc.warnings.clone();
                    pt.pending = None;
                    let path = pt.path.clone();
                    self.chosen = Some((sc, t, path));
                    self.screen = Screen::Briefing;
                    self.message = None;
                }
                // Saved without a change (an editor's save, a touch): nothing new to offer.
                Ok(sc) if t == self.scenario_text => {
                    pt.diagnostics = sc.warnings.clone();
                    pt.pending = None;
                }
                Ok(sc) => {
                    pt.diagnostics = sc.warnings.clone();
                    pt.pending = Some((sc, t));
                }
                Err(d) => {
                    pt.pending = None;
                    pt.diagnostics = d;
                }
            },
        }
    }

    /// Applies one command. Anything refused leaves a message and changes nothing else.
    pub fn apply(&mut self, cmd: Command) {
        if !matches!(cmd, Command::Select(_) | Command::Tab(_)) {
            self.message = None;
        }
        match cmd {
            Command::NewGame => {
                self.screen = Screen::Picker;
                self.overlay = Overlay::None;
            }
            Command::Continue => self.continue_game(),
            Command::ContinueOnNewModel => self.continue_on_new_model(),
            Command::RestartSavedScenario => self.restart_saved_scenario(),
            Command::Quit => self.quit = true,
            Command::Pick(i) => self.pick(i),
            Command::BackToTitle => {
                self.screen = Screen::Title;
                self.overlay = Overlay::None;
                self.save_status = self.saves.status();
            }
            Command::BeginPlaying => self.begin_playing(),
            Command::Select(s) => self.selection = s,
            Command::Tab(t) => self.tab = t,
            Command::Queue(a) => self.queue(a),
            Command::Respond(demand, response) => self.queue(Action::Respond { demand, response }),
            Command::Undo(i) => {
                if let Some(g) = self.game.as_mut() {
                    g.undo(i);
                }
            }
            Command::UndoLast => {
                if let Some(g) = self.game.as_mut()
                    && g.undo_last().is_none()
                {
                    self.message = Some("Nothing queued to undo.".into());
                }
            }
            Command::AskEndWeek => {
                if self.screen == Screen::Playing
                    && self.game.as_ref().is_some_and(|g| !g.is_over())
                {
                    self.overlay = Overlay::ConfirmEndWeek;
                }
            }
            Command::ConfirmEndWeek => {
                if self.overlay == Overlay::ConfirmEndWeek {
                    self.end_week();
                }
            }
            Command::CloseOverlay => {
                let was = self.overlay;
                self.overlay = Overlay::None;
                if was == Overlay::WeekSummary && self.game.as_ref().is_some_and(Game::is_over) {
                    self.screen = Screen::Debrief;
                }
            }
            Command::TogglePause => {
                self.overlay = match self.overlay {
                    Overlay::None => Overlay::Pause,
                    Overlay::WeekSummary => {
                        // Esc on a summary closes it, like Enter.
                        self.apply(Command::CloseOverlay);
                        return;
                    }
                    _ => Overlay::None,
                }
            }
            Command::OpenSettings => self.overlay = Overlay::Settings,
            Command::OpenHelp => self.overlay = Overlay::Help,
            Command::SetScale(s) => self.settings.ui_scale = s.clamp(0.75, 2.0),
            Command::ToggleTables => {
                self.settings.charts_as_tables = !self.settings.charts_as_tables
            }
            Command::RestartPlaytest => self.restart_playtest(),
            Command::OpenBriefing => {
                if self.chosen.is_some() {
                    self.screen = Screen::Briefing;
                }
            }
            Command::ExportReport => self.export_report(),
            Command::WhatIfDrop { week, index } => self.whatif_drop(week, index),
            Command::ShowWeekSummary => {
                if self.last_summary().is_some() {
                    self.overlay = Overlay::WeekSummary;
                }
            }
            Command::GuideNext(step) => {
                self.guide.passed.insert(step);
            }
            Command::ToggleHints => self.guide.hidden = !self.guide.hidden,
            Command::ShowDebrief => {
                if self.game.as_ref().is_some_and(Game::is_over) {
                    self.overlay = Overlay::None;
                    self.screen = Screen::Debrief;
                }
            }
        }
    }

    fn pick(&mut self, i: usize) {
        let Some(entry) = self.catalog.get(i) else {
            return;
        };
        if let Some(e) = &entry.error {
            self.message = Some(format!("{} does not load: {e}", entry.path.display()));
            return;
        }
        let path = entry.path.clone();
        match scenario::read_source(&path) {
            Err(e) => self.message = Some(format!("cannot read {}: {e}", path.display())),
            Ok(bytes) => match scenario::parse(&path.display().to_string(), &bytes) {
                Ok(sc) => {
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    self.chosen = Some((sc, text, path));
                    self.screen = Screen::Briefing;
                }
                Err(d) => {
                    self.message = Some(
                        d.first()
                            .map(|x| x.to_string())
                            .unwrap_or_else(|| "the scenario does not load".into()),
                    )
                }
            },
        }
    }

    fn begin_playing(&mut self) {
        let Some((sc, text, path)) = self.chosen.take() else {
            return;
        };
        let seed = self.seed_override.unwrap_or(sc.raw.seed);
        let mut game = Game::new(sc, Some(path), seed);
        game.table = self.table.clone();
        self.game = Some(game);
        // A new game starts the tour again (whether the hints are shown is kept).
        self.guide.passed.clear();
        self.scenario_text = text;
        self.screen = Screen::Playing;
        self.overlay = Overlay::None;
        self.selection = Selection::Org;
        self.tab = Tab::Map;
        self.autosave();
    }

    fn queue(&mut self, a: Action) {
        let Some(g) = self.game.as_mut() else {
            return;
        };
        if let Err(r) = g.queue(a) {
            self.message = Some(format!("Not possible: {}.", r.reason));
        }
    }

    fn end_week(&mut self) {
        let Some(g) = self.game.as_mut() else {
            return;
        };
        g.end_week();
        self.overlay = Overlay::WeekSummary;
        self.autosave();
    }

    /// Lets a bot queue this week's actions (autoplay): the same path as the player's clicks.
    pub fn autoplay_queue(&mut self, policy: &mut dyn Policy) {
        if let Some(g) = self.game.as_mut() {
            g.queue_policy(policy);
        }
    }

    /// The summary of the last played week, if any.
    pub fn last_summary(&self) -> Option<&WeekSummary> {
        self.game.as_ref().and_then(|g| g.summaries.last())
    }

    fn autosave(&mut self) {
        let Some(g) = self.game.as_ref() else {
            return;
        };
        match self.saves.autosave(g, &self.scenario_text) {
            Ok(()) => self.last_save_error = None,
            Err(e) => {
                self.message = Some(format!("Autosave failed: {e}. The game goes on."));
                self.last_save_error = Some(e);
            }
        }
    }

    fn continue_game(&mut self) {
        if let SaveStatus::Ready(save) = self.saves.status()
            && save.from_another_model()
        {
            // The player chooses on the title screen; nothing is replaced until then.
            self.save_status = SaveStatus::Ready(save);
            self.message = Some(
                "This save is from an earlier version of the game: choose \"Continue on the new model\" or \"Start this scenario again\".".into(),
            );
            return;
        }
        match self.saves.status() {
            SaveStatus::None => self.message = Some("There is no saved game yet.".into()),
            SaveStatus::Corrupt(msg) => {
                let kept = self.saves.set_aside();
                self.message = Some(match kept {
                    Some(p) => format!("{msg} (kept as {}).", p.display()),
                    None => msg,
                });
                self.save_status = SaveStatus::None;
            }
            SaveStatus::Ready(save) => match save.restore() {
                Ok(g) => {
                    self.scenario_text = save.scenario_text.clone();
                    let over = g.is_over();
                    self.game = Some(g);
                    self.screen = if over {
                        Screen::Debrief
                    } else {
                        Screen::Playing
                    };
                    self.overlay = Overlay::None;
                    self.selection = Selection::Org;
                }
                Err(e) => {
                    let kept = self.saves.set_aside();
                    self.message = Some(format!(
                        "The saved game cannot be restored: {e}{}",
                        kept.map(|p| format!(" (kept as {})", p.display()))
                            .unwrap_or_default()
                    ));
                    self.save_status = SaveStatus::None;
                }
            },
        }
    }

    /// The autosave the player is choosing about, once a copy of it is kept aside.
    fn save_to_upgrade(&self) -> Option<(super::save::SaveFile, Option<PathBuf>)> {
        let SaveStatus::Ready(save) = self.saves.status() else {
            return None;
        };
        let kept = self.saves.keep_old_model_copy(save.model_version);
        Some((save, kept))
    }

    fn continue_on_new_model(&mut self) {
        let Some((save, kept)) = self.save_to_upgrade() else {
            return;
        };
        match save.restore_on_current_model() {
            Ok(up) => {
                let weeks = save.decisions.len();
                let mut note = format!(
                    "Continued on model version {}: your {weeks} week(s) of decisions were replayed on the new model",
                    crate::model::MODEL_VERSION
                );
                if up.dropped.is_empty() {
                    note.push_str("; every one still applies.");
                } else {
                    let list: Vec<String> = up
                        .dropped
                        .iter()
                        .map(|d| format!("week {} {} ({})", d.week, d.action, d.reason))
                        .collect();
                    note.push_str(&format!(
                        "; {} decision(s) no longer apply and were skipped: {}.",
                        up.dropped.len(),
                        list.join("; ")
                    ));
                }
                if let Some(p) = kept {
                    note.push_str(&format!(" The old save is kept as {}.", p.display()));
                }
                self.scenario_text = save.scenario_text.clone();
                let over = up.game.is_over();
                self.game = Some(up.game);
                self.screen = if over {
                    Screen::Debrief
                } else {
                    Screen::Playing
                };
                self.overlay = Overlay::None;
                self.selection = Selection::Org;
                self.message = Some(note);
            }
            Err(e) => {
                self.message = Some(format!(
                    "The saved game cannot be continued on the new model: {e}{}",
                    kept.map(|p| format!(" (kept as {})", p.display()))
                        .unwrap_or_default()
                ));
            }
        }
    }

    fn restart_saved_scenario(&mut self) {
        let Some((save, kept)) = self.save_to_upgrade() else {
            return;
        };
        match save.scenario() {
            Ok(sc) => {
                self.seed_override = Some(save.seed);
                self.chosen = Some((
                    sc,
                    save.scenario_text.clone(),
                    PathBuf::from(&save.scenario_file),
                ));
                self.screen = Screen::Briefing;
                self.overlay = Overlay::None;
                self.message = kept.map(|p| format!("The old save is kept as {}.", p.display()));
            }
            Err(e) => self.message = Some(format!("The saved scenario cannot be started: {e}")),
        }
    }

    /// Writes the finished game's report to `<saves>/reports/<scenario>-<seed>/`, with the
    /// luck-vs-skill section over 50 seeds. The message says where it went.
    fn export_report(&mut self) {
        let Some(g) = self.game.as_ref() else {
            return;
        };
        let Some(run) = g.report.as_ref() else {
            self.message = Some("The report is ready once the game is over.".into());
            return;
        };
        let log = g.decision_log();
        let bots: Vec<&str> = crate::headless::balance::DEFAULT_POLICIES.to_vec();
        let luck = Some(crate::headless::log::luck_of(
            &g.scenario,
            &log,
            run.combined,
            50,
            &bots,
        ));
        let dir = self.saves.dir.join("reports").join(format!(
            "{}-{}",
            g.scenario.raw.id.replace(['/', '\\', '.'], "_"),
            g.seed
        ));
        let data = crate::report::ReportData {
            scenario: &g.scenario,
            log: &log,
            run,
            luck: luck.as_ref(),
        };
        self.message = Some(match crate::report::write(&data, &dir) {
            Ok(()) => format!("Report written: {}", dir.join("index.html").display()),
            Err(e) => format!("Could not write the report to {}: {e}", dir.display()),
        });
    }

    /// What if not? The game replayed without the week's `index`-th decision on the same random
    /// streams: after the game, through the epilogue; during play, through the weeks played so
    /// far (the window shows those weeks and the scores so far).
    fn whatif_drop(&mut self, week: u32, index: usize) {
        let Some(g) = self.game.as_ref() else {
            return;
        };
        let Some(action) = g
            .decisions
            .get(week.saturating_sub(1) as usize)
            .and_then(|d| d.get(index))
        else {
            return;
        };
        let label = format!(
            "Without \"{}\" in week {week}",
            super::catalog::describe(g.world(), action)
        );
        let change = crate::headless::log::Change::Drop { week, index };
        match crate::headless::log::whatif(&g.scenario, &g.decision_log(), &change) {
            Ok(w) => {
                self.whatif = Some((label, w));
                self.overlay = Overlay::WhatIf;
            }
            Err(e) => self.message = Some(format!("What-if failed: {e}")),
        }
    }

    fn restart_playtest(&mut self) {
        let Some(pt) = self.playtest.as_mut() else {
            return;
        };
        let Some((sc, text)) = pt.pending.take() else {
            return;
        };
        let path = pt.path.clone();
        pt.diagnostics.clear();
        self.chosen = Some((sc, text, path));
        self.game = None;
        self.begin_playing();
    }
}

/// The diagnostic for a scenario file that cannot be read at all.
fn unreadable(file: &str, error: &str) -> Diagnostic {
    Diagnostic {
        file: file.to_string(),
        line: 0,
        col: 0,
        path: String::new(),
        severity: Severity::Error,
        message: format!("cannot read the file: {error}"),
        hint: None,
    }
}

/// Lists the scenarios in `folders` (sorted by file name within each folder, the guided ones
/// first: they teach the interface), reading each file's title, length, difficulty and lesson.
/// Broken files are listed with their error.
pub fn scan_catalog(folders: &[(PathBuf, &'static str)]) -> Vec<ScenarioEntry> {
    let mut out = Vec::new();
    for (dir, origin) in folders {
        let Ok(rd) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .filter(|p| p.file_stem().is_some_and(|s| s != "template"))
            .collect();
        files.sort();
        let mut here = Vec::new();
        for path in files {
            let entry = match scenario::read_source(&path)
                .map_err(|e| vec![unreadable(&path.display().to_string(), &e.to_string())])
                .and_then(|bytes| scenario::parse(&path.display().to_string(), &bytes))
            {
                Ok(sc) => ScenarioEntry {
                    path,
                    title: sc.raw.title.clone(),
                    weeks: sc.raw.weeks,
                    difficulty: sc.raw.difficulty,
                    lesson: sc.raw.lesson.clone(),
                    origin,
                    error: None,
                    guided: sc.raw.guided,
                },
                Err(d) => ScenarioEntry {
                    title: path
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    path,
                    weeks: 0,
                    difficulty: 0,
                    lesson: String::new(),
                    origin,
                    error: Some(
                        d.first()
                            .map(|x| x.to_string())
                            .unwrap_or_else(|| "does not load".into()),
                    ),
                    guided: false,
                },
            };
            here.push(entry);
        }
        // Stable: the guided scenarios move to the front, the rest keep their order.
        here.sort_by_key(|e: &ScenarioEntry| !e.guided);
        out.extend(here);
    }
    out
}
