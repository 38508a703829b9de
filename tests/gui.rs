//! The game window's logic without a GPU: screen transitions, the action queue with undo, End
//! Week, saves, the playtest reload, keyboard shortcuts, and what each panel shows for a given
//! world (egui runs headless here; we read the text it lays out).
#![cfg(feature = "gui")]

mod common;

use std::path::PathBuf;

use bevy_egui::egui;
use common::scenarios_dir;
use orgcraft::gui::catalog::{self, Selection};
use orgcraft::gui::moments::MomentKind;
use orgcraft::gui::save::{SaveStatus, SaveStore, write_atomic};
use orgcraft::gui::state::{Command, GuiState, Overlay, Screen, Tab};
use orgcraft::gui::ui;
use orgcraft::headless::policy_by_name;
use orgcraft::sim::{self, Action, Person, Response};

/// A fresh, empty save folder for one test.
fn save_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("orgcraft-gui-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn state(name: &str) -> GuiState {
    GuiState::new(
        &[(scenarios_dir(), "shipped")],
        SaveStore::new(save_dir(name)),
    )
}

fn index_of(st: &GuiState, stem: &str) -> usize {
    st.catalog
        .iter()
        .position(|e| e.path.file_stem().is_some_and(|s| s == stem))
        .unwrap_or_else(|| panic!("{stem} not in the picker"))
}

/// Title → picker → briefing → playing, on `stem`.
fn playing(name: &str, stem: &str) -> GuiState {
    let mut st = state(name);
    st.apply(Command::NewGame);
    let i = index_of(&st, stem);
    st.apply(Command::Pick(i));
    st.apply(Command::BeginPlaying);
    assert_eq!(st.screen, Screen::Playing);
    st
}

/// Runs one egui frame of the interface and returns the commands and every text it drew.
fn frame(st: &GuiState, events: Vec<egui::Event>) -> (Vec<Command>, String) {
    frame_of_height(st, events, 800.0)
}

/// `frame` on a 1280-wide screen `height` pixels tall (a long page without scrolling).
fn frame_of_height(st: &GuiState, events: Vec<egui::Event>, height: f32) -> (Vec<Command>, String) {
    let (cmds, shapes) = common::frames(st, &events, height, 2);
    let mut texts = String::new();
    for s in &shapes {
        common::collect_text(&s.shape, &mut texts);
    }
    (cmds, texts)
}

fn key(k: egui::Key) -> egui::Event {
    egui::Event::Key {
        key: k,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    }
}

#[test]
fn screens_follow_the_player_from_title_to_playing_and_back() {
    let mut st = state("flow");
    assert_eq!(st.screen, Screen::Title);
    assert!(
        st.catalog.len() >= 8,
        "the picker lists the shipped scenarios"
    );
    assert!(
        st.catalog.iter().all(|e| e.error.is_none()),
        "every shipped scenario loads"
    );
    st.apply(Command::NewGame);
    assert_eq!(st.screen, Screen::Picker);
    st.apply(Command::Pick(index_of(&st, "brooks_trap")));
    assert_eq!(st.screen, Screen::Briefing);
    assert!(
        st.game.is_none(),
        "the briefing comes before the game starts"
    );
    st.apply(Command::BeginPlaying);
    assert_eq!(st.screen, Screen::Playing);
    assert_eq!(st.game.as_ref().map(|g| g.week()), Some(1));
    st.apply(Command::TogglePause);
    assert_eq!(st.overlay, Overlay::Pause);
    st.apply(Command::OpenSettings);
    st.apply(Command::SetScale(1.5));
    assert_eq!(st.settings.ui_scale, 1.5);
    st.apply(Command::SetScale(9.0));
    assert_eq!(st.settings.ui_scale, 2.0, "the UI scale is clamped");
    st.apply(Command::CloseOverlay);
    st.apply(Command::BackToTitle);
    assert_eq!(st.screen, Screen::Title);
    assert!(
        matches!(st.save_status, SaveStatus::Ready(_)),
        "the game was autosaved"
    );
}

#[test]
fn queued_actions_can_be_removed_until_the_week_ends() {
    let mut st = playing("undo", "brooks_trap");
    let ap0 = st.game.as_ref().map(|g| g.room().ap).unwrap_or_default();
    st.apply(Command::Queue(Action::VisionSession));
    let people: Vec<_> = {
        let w = st.game.as_ref().map(|g| g.world()).expect("game");
        w.resource::<sim::Index>().people.keys().copied().collect()
    };
    st.apply(Command::Queue(Action::OneOnOne { person: people[0] }));
    let g = st.game.as_ref().expect("game");
    assert_eq!(g.queued().len(), 2);
    let ap2 = g.room().ap;
    assert!(ap2 < ap0 - 2.0, "queued actions use AP: {ap0} -> {ap2}");
    // Undo the first; the queue is re-priced.
    st.apply(Command::Undo(0));
    let g = st.game.as_ref().expect("game");
    assert_eq!(g.queued(), &[Action::OneOnOne { person: people[0] }]);
    assert!((g.room().ap - (ap0 - 0.5)).abs() < 1e-9);
    // A second 1:1 with the same person is refused, with a reason, and not queued.
    st.apply(Command::Queue(Action::OneOnOne { person: people[0] }));
    assert!(
        st.message
            .as_deref()
            .is_some_and(|m| m.contains("already had a 1:1")),
        "{:?}",
        st.message
    );
    assert_eq!(st.game.as_ref().map(|g| g.queued().len()), Some(1));
    st.apply(Command::UndoLast);
    assert_eq!(st.game.as_ref().map(|g| g.queued().len()), Some(0));
    st.apply(Command::UndoLast);
    assert_eq!(st.message.as_deref(), Some("Nothing queued to undo."));
    // Undone actions never happen.
    st.apply(Command::AskEndWeek);
    st.apply(Command::ConfirmEndWeek);
    let g = st.game.as_ref().expect("game");
    assert!(g.decisions[0].is_empty());
    assert!(g.summaries[0].applied.is_empty());
}

#[test]
fn end_week_asks_first_then_shows_what_happened() {
    let mut st = playing("endweek", "pmo_gantt");
    st.apply(Command::Queue(Action::VisionSession));
    st.apply(Command::AskEndWeek);
    assert_eq!(st.overlay, Overlay::ConfirmEndWeek);
    st.apply(Command::CloseOverlay);
    assert_eq!(
        st.game.as_ref().map(|g| g.week()),
        Some(1),
        "Esc keeps planning"
    );
    st.apply(Command::AskEndWeek);
    st.apply(Command::ConfirmEndWeek);
    assert_eq!(st.overlay, Overlay::WeekSummary);
    let s = st.last_summary().expect("a summary").clone();
    assert_eq!(s.week, 1);
    assert_eq!(s.applied, vec!["Vision session".to_string()]);
    assert!(
        !s.culture_moves.is_empty() || !s.product_moves.is_empty(),
        "the ledger names what moved the scores"
    );
    // The summary leads with the decisions so far, measured by replay: the replayed game is
    // the live one, and the week's vision session is one of its groups.
    let a = s.by_decisions.as_ref().expect("decisions so far");
    assert_eq!(a.you.0, s.after.culture);
    assert_eq!(a.you.1, s.after.product);
    assert!(
        a.lines.iter().any(|l| l.label == "Vision sessions"),
        "{:?}",
        a.lines
    );
    let (_, text) = frame(&st, Vec::new());
    assert!(text.contains("Week 1 summary"), "{text}");
    assert!(text.contains("Your decisions so far"), "{text}");
    assert!(text.contains("What moved culture this week"));
    assert!(text.contains("Vision session"));
    st.apply(Command::CloseOverlay);
    assert_eq!(st.overlay, Overlay::None);
    assert_eq!(st.game.as_ref().map(|g| g.week()), Some(2));
}

#[test]
fn a_whole_game_ends_on_the_debrief() {
    let mut st = playing("debrief", "brooks_trap");
    let mut bot = policy_by_name("servant").expect("servant");
    while st.screen == Screen::Playing {
        st.autoplay_queue(bot.as_mut());
        st.apply(Command::AskEndWeek);
        st.apply(Command::ConfirmEndWeek);
        st.apply(Command::CloseOverlay);
    }
    assert_eq!(st.screen, Screen::Debrief);
    let g = st.game.as_ref().expect("game");
    let r = g.report.as_ref().expect("a final report");
    assert_eq!(g.summaries.len() as u32, g.weeks());
    // The window's game is the headless run: same bot, same seed, same final state.
    let sc = orgcraft::scenario::load(&scenarios_dir().join("brooks_trap.ron")).expect("loads");
    let mut bot = policy_by_name("servant").expect("servant");
    let headless = orgcraft::headless::run(&sc, "servant", bot.as_mut(), sc.raw.seed, None);
    assert_eq!(r.state_hash, headless.state_hash);
    assert_eq!(r.culture, headless.culture);
    // The whole debrief page: it leads with decisions, so the timeline is below the fold.
    let (_, text) = frame_of_height(&st, Vec::new(), 2400.0);
    // The debrief leads with the player's decisions, measured against the caretaker; the
    // ledger's mechanisms sit folded below.
    let by = r
        .debrief
        .by_decisions
        .as_ref()
        .expect("a debrief by decisions");
    let top = by.moved(true, 0.1);
    let top = top.first().expect("the servant's decisions moved culture");
    assert!(
        text.contains(&top.label),
        "the top decision line is shown: {}",
        top.label
    );
    for want in [
        "Your scores",
        "Your decisions that moved the scores",
        "The mechanisms: what the model's ledger credits",
        "Culture × product",
        "Key decisions and events, week by week",
        "Culture · psychological safety",
    ] {
        assert!(text.contains(want), "debrief lacks {want:?}");
    }
    assert!(text.contains(&format!("Culture {:.1}", r.culture)));
    st.apply(Command::ToggleTables);
    let (_, text) = frame(&st, Vec::new());
    assert!(text.contains("Charts as plots  [T]"), "{text}");
    // Pick a past decision (after week 1, so earlier weeks can be seen to stay the same) and
    // see the alternative, on the same random streams.
    let week = st
        .game
        .as_ref()
        .expect("game")
        .decisions
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, d)| !d.is_empty())
        .map(|(i, _)| i as u32 + 1)
        .expect("a decision after week 1");
    st.apply(Command::WhatIfDrop { week, index: 0 });
    assert_eq!(st.overlay, Overlay::WhatIf);
    let (label, w) = st.whatif.clone().expect("a comparison");
    assert!(label.contains(&format!("week {week}")), "{label}");
    assert!(
        w.weeks
            .iter()
            .filter(|r| r.week < week)
            .all(|r| r.same_state)
    );
    let (_, text) = frame(&st, Vec::new());
    assert!(
        text.contains("Culture: yours") && text.contains("same world"),
        "{text}"
    );
    st.apply(Command::CloseOverlay);
    // The debrief exports the same report as `orgcraft report`.
    st.apply(Command::ExportReport);
    let m = st.message.clone().unwrap_or_default();
    assert!(m.starts_with("Report written: "), "{m}");
    let html = std::fs::read_to_string(m.trim_start_matches("Report written: ")).expect("html");
    assert!(html.contains("Questions for the debrief") && html.contains("Luck and skill"));
}

/// Issue 13: after the last week the epilogue has moved the clock on, and the board read
/// "Week 29 of 20" and "Queued for week 29" under the last week's summary.
#[test]
fn after_the_last_week_the_board_does_not_count_past_the_end() {
    let mut st = playing("past_the_end", "brooks_trap");
    let mut bot = policy_by_name("servant").expect("servant");
    let weeks = st.game.as_ref().expect("game").weeks();
    loop {
        st.autoplay_queue(bot.as_mut());
        st.apply(Command::AskEndWeek);
        st.apply(Command::ConfirmEndWeek);
        if st.game.as_ref().expect("game").is_over() {
            break;
        }
        st.apply(Command::CloseOverlay);
    }
    // The last week's summary is open over the board.
    assert_eq!(st.screen, Screen::Playing);
    let (_, text) = frame(&st, Vec::new());
    for n in weeks + 1..weeks + 20 {
        assert!(
            !text.contains(&format!("Week {n} of")) && !text.contains(&format!("for week {n}")),
            "the board counts past the end (week {n}):\n{text}"
        );
    }
    assert!(
        text.contains(&format!("All {weeks} weeks played")),
        "{text}"
    );
}

/// Issue 13: the debrief read "1:1 with (gone)" for someone who had left by the end.
#[test]
fn a_decision_about_someone_who_left_still_names_them() {
    let sc = common::load("budget_cut.ron");
    let mut sim = orgcraft::headless::Sim::new(&sc, 7);
    let w = sim.world();
    let (id, name) = w
        .resource::<sim::Index>()
        .people
        .values()
        .filter_map(|e| w.get::<Person>(*e))
        .map(|p| (p.id, p.name.clone()))
        .next()
        .expect("a person");
    let one_on_one = Action::OneOnOne { person: id };
    sim.submit(one_on_one.clone()).expect("a 1:1 is affordable");
    sim.step();
    sim.submit(Action::Layoff { people: vec![id] })
        .expect("a layoff is affordable");
    sim.step();
    sim.step();
    assert!(
        !sim.world()
            .resource::<sim::Index>()
            .people
            .contains_key(&id),
        "{name} has left"
    );
    let text = catalog::describe(sim.world(), &one_on_one);
    assert!(text.contains(&name), "{text}");
    assert!(!text.contains("(gone)"), "{text}");
}

/// Issue 13: the window drew boxes where arrows belong ("Discovery share 15% □ 25%"): every
/// character any screen draws in a whole game must be one the window's fonts have.
#[test]
fn every_screen_of_a_game_draws_in_its_fonts_and_in_plain_words() {
    let mut st = playing("glyphs", "pmo_gantt");
    let mut bot = policy_by_name("servant").expect("servant");
    let mut texts = String::new();
    // Every selection's panel and action list in week 1.
    let sels: Vec<Selection> = {
        let g = st.game.as_ref().expect("game");
        let idx = g.world().resource::<sim::Index>();
        let mut v = vec![Selection::Org];
        v.extend(idx.teams.keys().map(|t| Selection::Team(*t)));
        v.extend(idx.people.keys().map(|p| Selection::Person(*p)));
        v.extend(idx.initiatives.keys().map(|i| Selection::Initiative(*i)));
        v.extend(idx.stakeholders.keys().map(|s| Selection::Stakeholder(*s)));
        v.extend(idx.products.keys().map(|p| Selection::Product(*p)));
        v
    };
    for sel in sels {
        st.selection = sel;
        texts.push_str(&frame(&st, Vec::new()).1);
    }
    st.selection = Selection::Org;
    while st.screen == Screen::Playing {
        st.autoplay_queue(bot.as_mut());
        texts.push_str(&frame(&st, Vec::new()).1);
        st.apply(Command::AskEndWeek);
        st.apply(Command::ConfirmEndWeek);
        texts.push_str(&frame(&st, Vec::new()).1);
        st.apply(Command::CloseOverlay);
    }
    texts.push_str(&frame_of_height(&st, Vec::new(), 2400.0).1);
    let ctx = egui::Context::default();
    let mut out = ctx.run_ui(egui::RawInput::default(), |_| {});
    out.textures_delta.clear();
    let mut missing: Vec<char> = texts
        .chars()
        .filter(|c| !c.is_control())
        .filter(|c| !ctx.fonts_mut(|f| f.has_glyph(&egui::FontId::proportional(14.0), *c)))
        .collect();
    missing.sort_unstable();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "characters the fonts lack (drawn as boxes): {missing:?}"
    );
    // Plain words (issue 13): no enum identifier, raw key, odds as numbers or loop code where
    // a player reads (the same checker as tests/plain_words.rs).
    let mut found: Vec<String> = Vec::new();
    for p in common::code_words(&texts, &[]) {
        let word = p.split(':').next().unwrap_or_default();
        if !found.iter().any(|f| f.split(':').next() == Some(word)) {
            found.push(p);
        }
    }
    assert!(
        found.is_empty(),
        "code words where a player reads:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_autosave_restores_the_same_world() {
    let dir = save_dir("restore");
    let mut st = GuiState::new(&[(scenarios_dir(), "shipped")], SaveStore::new(dir.clone()));
    st.apply(Command::NewGame);
    st.apply(Command::Pick(index_of(&st, "dependency_hell")));
    st.apply(Command::BeginPlaying);
    let mut bot = policy_by_name("random").expect("random");
    for _ in 0..4 {
        st.autoplay_queue(bot.as_mut());
        st.apply(Command::AskEndWeek);
        st.apply(Command::ConfirmEndWeek);
        st.apply(Command::CloseOverlay);
    }
    // The world as the last week ended (the state hash covers the action queue too).
    let hash = st.game.as_ref().map(|g| g.sim.state_hash());
    // Queued but not ended: the week in progress is what a crash may lose.
    st.apply(Command::Queue(Action::VisionSession));
    let week = st.game.as_ref().map(|g| g.week());
    assert!(
        !std::fs::read_dir(&dir)
            .expect("dir")
            .any(|e| e.is_ok_and(|e| e.path().extension().is_some_and(|x| x == "tmp")))
    );
    drop(st);
    let mut again = GuiState::new(&[(scenarios_dir(), "shipped")], SaveStore::new(dir));
    assert!(matches!(again.save_status, SaveStatus::Ready(_)));
    again.apply(Command::Continue);
    assert_eq!(again.screen, Screen::Playing);
    let g = again.game.as_ref().expect("restored");
    assert_eq!(Some(g.week()), week);
    assert_eq!(Some(g.sim.state_hash()), hash);
    assert!(g.queued().is_empty());
}

#[test]
fn a_damaged_save_is_reported_and_set_aside() {
    let dir = save_dir("corrupt");
    std::fs::write(dir.join("autosave.json"), b"{ \"format\": 1, \"decis").expect("write");
    let mut st = GuiState::new(&[(scenarios_dir(), "shipped")], SaveStore::new(dir.clone()));
    assert!(matches!(st.save_status, SaveStatus::Corrupt(_)));
    st.apply(Command::Continue);
    assert_eq!(st.screen, Screen::Title);
    assert!(st.game.is_none());
    let m = st.message.clone().unwrap_or_default();
    assert!(
        m.contains("damaged") && m.contains("autosave.damaged.json"),
        "{m}"
    );
    assert!(dir.join("autosave.damaged.json").exists());
    assert_eq!(st.saves.status(), SaveStatus::None);
    // The game goes on: a new game starts and saves over the same folder.
    st.apply(Command::NewGame);
    st.apply(Command::Pick(index_of(&st, "brooks_trap")));
    st.apply(Command::BeginPlaying);
    assert!(matches!(st.saves.status(), SaveStatus::Ready(_)));
}

#[test]
fn a_save_whose_decisions_no_longer_apply_is_refused_with_the_week() {
    let dir = save_dir("tampered");
    let mut st = playing("tampered-src", "brooks_trap");
    st.apply(Command::AskEndWeek);
    st.apply(Command::ConfirmEndWeek);
    let g = st.game.as_ref().expect("game");
    let mut save = orgcraft::gui::save::SaveFile::of(g, &st.scenario_text);
    save.decisions.push(vec![Action::OneOnOne {
        person: orgcraft::model::PersonId(999),
    }]);
    write_atomic(
        &dir.join("autosave.json"),
        &serde_json::to_vec(&save).expect("json"),
    )
    .expect("write");
    let mut st = GuiState::new(&[(scenarios_dir(), "shipped")], SaveStore::new(dir));
    st.apply(Command::Continue);
    let m = st.message.clone().unwrap_or_default();
    assert!(m.contains("week 2") && m.contains("no person 999"), "{m}");
    assert!(st.game.is_none());
}

#[test]
fn playtest_shows_a_broken_file_and_offers_a_valid_one() {
    let dir = save_dir("playtest");
    let file = dir.join("mine.ron");
    let original =
        std::fs::read_to_string(scenarios_dir().join("brooks_trap.ron")).expect("read scenario");
    std::fs::write(&file, &original).expect("write");
    let mut st = GuiState::new(&[], SaveStore::new(dir.clone()));
    st.open_file(&file, true).expect("opens");
    assert_eq!(st.screen, Screen::Briefing);
    st.apply(Command::BeginPlaying);
    st.apply(Command::AskEndWeek);
    st.apply(Command::ConfirmEndWeek);
    st.apply(Command::CloseOverlay);
    let hash = st.game.as_ref().map(|g| g.sim.state_hash());
    // A typo: the diagnostics show, the game goes on.
    let broken = original.replacen("weeks:", "wekes:", 1);
    st.playtest_changed(Ok(broken.into_bytes()));
    let pt = st.playtest.as_ref().expect("playtest");
    assert!(pt.pending.is_none());
    let d = pt.diagnostics.first().expect("a diagnostic");
    assert!(d.line > 0 && d.message.contains("wekes"), "{d}");
    assert_eq!(st.game.as_ref().map(|g| g.sim.state_hash()), hash);
    let (_, text) = frame(&st, Vec::new());
    assert!(text.contains("error(s); this game goes on"), "{text}");
    assert!(text.contains("wekes"));
    // Saved back unchanged (the typo undone): the diagnostics clear and no restart is
    // offered, since nothing is new (a playtest offered one for an unchanged file).
    st.playtest_changed(Ok(original.clone().into_bytes()));
    let pt = st.playtest.as_ref().expect("playtest");
    assert!(pt.pending.is_none(), "the same file is not a new version");
    let (_, text) = frame(&st, Vec::new());
    assert!(!text.contains("new valid version"), "{text}");
    assert!(!text.contains("error(s)"), "{text}");
    // Fixed, with a new title: offered as a restart; the game is untouched until accepted.
    let fixed = original.replacen("title: \"", "title: \"New: ", 1);
    st.playtest_changed(Ok(fixed.into_bytes()));
    assert!(st.playtest.as_ref().is_some_and(|p| p.pending.is_some()));
    assert_eq!(st.game.as_ref().map(|g| g.week()), Some(2));
    let (cmds, _) = frame(
        &st,
        vec![egui::Event::Key {
            key: egui::Key::R,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::COMMAND,
        }],
    );
    assert_eq!(cmds, vec![Command::RestartPlaytest]);
    st.apply(Command::RestartPlaytest);
    let g = st.game.as_ref().expect("restarted");
    assert_eq!(g.week(), 1);
    assert!(g.scenario.raw.title.starts_with("New: "));
}

#[test]
fn panels_show_the_world() {
    let mut st = playing("panels", "dependency_hell");
    // The people tab: the org as cards of meters (the org map has its own tests).
    st.apply(Command::Tab(Tab::Org));
    let (_, text) = frame(&st, Vec::new());
    for want in [
        "Week 1 of 20",
        "Buyer Experience",
        "Platform",
        "Psych safety",
        "Engagement",
        "Exhaustion",
        "End week 1  [E]",
        "Inbox",
    ] {
        assert!(text.contains(want), "playing screen lacks {want:?}");
    }
    // Flight risk shows only once revealed.
    let (pid, name) = {
        let g = st.game.as_mut().expect("game");
        let w = g.sim.world_mut();
        let e = *w
            .resource::<sim::Index>()
            .people
            .values()
            .next()
            .expect("someone");
        let mut p = w.get_mut::<Person>(e).expect("person");
        p.flight_risk = true;
        (p.id, p.name.clone())
    };
    let (_, text) = frame(&st, Vec::new());
    assert!(!text.contains("likely to leave"), "hidden until revealed");
    {
        let g = st.game.as_mut().expect("game");
        let w = g.sim.world_mut();
        let e = w.resource::<sim::Index>().people[&pid];
        w.get_mut::<Person>(e).expect("person").flight_risk_revealed = true;
    }
    let (_, text) = frame(&st, Vec::new());
    assert!(text.contains("likely to leave"));
    // Once they resign, that is the news, not their risk of leaving (issue 13).
    {
        let g = st.game.as_mut().expect("game");
        let w = g.sim.world_mut();
        let e = w.resource::<sim::Index>().people[&pid];
        w.get_mut::<Person>(e).expect("person").notice = Some(3);
    }
    let (_, text) = frame(&st, Vec::new());
    assert!(text.contains("has resigned: leaves in 3 weeks"), "{text}");
    assert!(
        !text.contains("likely to leave") && !text.contains("not thinking of leaving"),
        "{text}"
    );
    {
        let g = st.game.as_mut().expect("game");
        let w = g.sim.world_mut();
        let e = w.resource::<sim::Index>().people[&pid];
        w.get_mut::<Person>(e).expect("person").notice = None;
    }
    // Selecting a person shows their details and the actions that apply, each priced.
    st.apply(Command::Select(Selection::Person(pid)));
    let (_, text) = frame(&st, Vec::new());
    assert!(text.contains("1:1") && text.contains("0.5 AP"), "{text}");
    assert!(text.contains("Stay interview") && text.contains(&name));
    // The other tabs.
    st.apply(Command::Tab(Tab::Dependencies));
    let (_, text) = frame(&st, Vec::new());
    assert!(
        text.contains("Waiting team") && text.contains("blocked"),
        "{text}"
    );
    st.apply(Command::Tab(Tab::Stakeholders));
    let (_, text) = frame(&st, Vec::new());
    assert!(
        text.contains("Benevolence") && text.contains("Renata"),
        "{text}"
    );
    st.apply(Command::Tab(Tab::Product));
    let (_, text) = frame(&st, Vec::new());
    assert!(text.contains("Dashboard values are noisy") && text.contains("Activation"));
    st.apply(Command::Tab(Tab::Charts));
    let (_, text) = frame(&st, Vec::new());
    assert!(text.contains("Culture and product"));
    // Every chart has a table equivalent: week rows with the values.
    st.apply(Command::AskEndWeek);
    st.apply(Command::ConfirmEndWeek);
    st.apply(Command::CloseOverlay);
    st.apply(Command::ToggleTables);
    let (_, text) = frame(&st, Vec::new());
    let g = st.game.as_ref().expect("game");
    let last = g.score_history().last().cloned().expect("week 1");
    assert!(text.contains("Show as charts  [T]"), "{text}");
    assert!(text.contains(&format!("{:.1}", last.culture)), "{text}");
    assert!(text.contains(&format!("{:.1}", last.product)));
}

#[test]
fn demands_can_be_answered_from_the_keyboard() {
    let mut st = playing("inbox", "pmo_gantt");
    // Play until a demand arrives.
    for _ in 0..6 {
        if st
            .game
            .as_ref()
            .is_some_and(|g| !g.world().resource::<sim::Org>().demands.is_empty())
        {
            break;
        }
        st.apply(Command::AskEndWeek);
        st.apply(Command::ConfirmEndWeek);
        st.apply(Command::CloseOverlay);
    }
    let demand = st
        .game
        .as_ref()
        .and_then(|g| g.world().resource::<sim::Org>().demands.first().cloned())
        .expect("pmo_gantt's PMO makes demands in the first weeks");
    let (_, text) = frame(&st, Vec::new());
    assert!(text.contains("Shield [H]") && text.contains("status report") || text.contains("plan"));
    let (cmds, _) = frame(&st, vec![key(egui::Key::H)]);
    assert_eq!(cmds, vec![Command::Respond(demand.id, Response::Shield)]);
    for c in cmds {
        st.apply(c);
    }
    assert_eq!(
        st.game.as_ref().map(|g| g.queued().to_vec()),
        Some(vec![Action::Respond {
            demand: demand.id,
            response: Response::Shield
        }])
    );
}

#[test]
fn a_demand_reads_in_the_stakeholders_voice_from_the_scenario() {
    // first_90_days writes what its stakeholders say (`says`); the inbox shows those words with
    // the team's name filled in, and who says them.
    let mut st = playing("voice", "first_90_days");
    let sc = common::load("first_90_days.ron");
    let mut shown = None;
    for _ in 0..sc.weeks() {
        let g = st.game.as_ref().expect("a game");
        let w = g.world();
        let voiced = w.resource::<sim::Org>().demands.iter().find_map(|d| {
            let raw = &sc.raw.stakeholders[d.from.0 as usize];
            raw.says.get(&d.kind).map(|t| {
                let team = orgcraft::sim::describe::name_of::<sim::Team>(w, d.team);
                (raw.name.clone(), t.replace("{team}", &team))
            })
        });
        if let Some(v) = voiced {
            shown = Some(v);
            break;
        }
        st.apply(Command::AskEndWeek);
        st.apply(Command::ConfirmEndWeek);
        st.apply(Command::CloseOverlay);
    }
    let (who, words) = shown.expect("a demand with a written voice arrives in first_90_days");
    assert!(!words.contains('{'), "{words}");
    let (_, text) = frame(&st, Vec::new());
    assert!(
        text.contains(&format!("{who}: \"{words}\"")),
        "the inbox does not show {who} saying {words:?}:\n{text}"
    );
}

/// Plays `stem` with `bot` through the window until a week's summary holds a moment of `kind`;
/// returns the state with that summary open.
fn play_until_moment(name: &str, stem: &str, bot: &str, kind: MomentKind) -> GuiState {
    let mut st = playing(name, stem);
    let mut policy = orgcraft::headless::policy_by_name(bot).expect("bot");
    while st.screen == Screen::Playing && !st.game.as_ref().is_some_and(|g| g.is_over()) {
        st.autoplay_queue(policy.as_mut());
        st.apply(Command::AskEndWeek);
        st.apply(Command::ConfirmEndWeek);
        if st
            .last_summary()
            .is_some_and(|s| s.moments.iter().any(|m| m.kind == kind))
        {
            return st;
        }
        st.apply(Command::CloseOverlay);
    }
    panic!("{stem} under {bot} never had a {kind:?} moment");
}

#[test]
fn a_release_gets_a_card_that_offers_to_share_the_credit() {
    let mut st = play_until_moment("ship-card", "pmo_gantt", "passive", MomentKind::Shipped);
    let card = st
        .last_summary()
        .and_then(|s| {
            s.moments
                .iter()
                .find(|m| m.kind == MomentKind::Shipped)
                .cloned()
        })
        .expect("a ship card");
    let (_, text) = frame_of_height(&st, Vec::new(), 1400.0);
    assert!(text.contains(&card.title), "{text}");
    assert!(text.contains("First reaction"), "{text}");
    let (label, action) = card
        .offers
        .first()
        .cloned()
        .expect("a release nobody credited offers credit");
    assert!(label.starts_with("Share credit with "), "{label}");
    assert!(matches!(action, Action::ShareCredit { .. }));
    assert!(text.contains(&label), "{text}");
    // What shipped stays in the selection walk, so it can still be credited from its panel.
    let Action::ShareCredit { initiative } = action else {
        unreachable!("checked above")
    };
    assert!(
        ui::playing::selectables(st.game.as_ref().expect("game").world())
            .contains(&Selection::Initiative(initiative)),
        "a shipped initiative left the selection walk"
    );
    // The button queues it for the coming week, and the card then says so.
    st.apply(Command::Queue(action.clone()));
    assert!(
        st.game
            .as_ref()
            .is_some_and(|g| g.queued().contains(&action))
    );
    let (_, text) = frame_of_height(&st, Vec::new(), 1400.0);
    assert!(
        text.contains(&format!("{label}: queued for week")),
        "{text}"
    );
}

#[test]
fn a_resignation_and_a_stopped_bet_get_cards_in_plain_words() {
    let st = play_until_moment("resign-card", "pmo_gantt", "crunch", MomentKind::Resigned);
    let (_, text) = frame_of_height(&st, Vec::new(), 1400.0);
    assert!(text.contains("resigned"), "{text}");
    assert!(text.contains("Leaves in"), "{text}");
    assert!(
        text.contains("Signs you could have seen") || text.contains("No warning sign"),
        "{text}"
    );
    let st = play_until_moment("stop-card", "pmo_gantt", "servant", MomentKind::Stopped);
    let (_, text) = frame_of_height(&st, Vec::new(), 1400.0);
    assert!(text.contains("What was learned"), "{text}");
    assert!(text.contains("is free for its other work"), "{text}");
}

#[test]
fn a_one_on_one_is_a_conversation_that_tells_the_truth_and_offers_replies() {
    // The servant holds 1:1s from week 1: the summary shows them as what the person said.
    let st = play_until_moment(
        "talk-card",
        "pmo_gantt",
        "servant",
        MomentKind::Conversation,
    );
    let s = st.last_summary().expect("a summary");
    let g = st.game.as_ref().expect("a game");
    let talk = s
        .moments
        .iter()
        .find(|m| m.kind == MomentKind::Conversation && m.title.starts_with("1:1 with "))
        .expect("a 1:1 card");
    let (_, text) = frame_of_height(&st, Vec::new(), 1400.0);
    assert!(text.contains(&talk.title), "{text}");
    assert!(text.contains("I would like to get better at"), "{text}");
    // What they want to learn is true of the person: the pillar their work needs where they
    // lack it most; the reply offered is mentoring in that pillar, for that person.
    let Some((_, Action::Mentor { person, pillar })) = talk.offers.first().cloned() else {
        panic!("a 1:1 offers mentoring first: {:?}", talk.offers)
    };
    let p = orgcraft::sim::lookup::get::<sim::Person>(g.world(), person).expect("the person");
    assert!(talk.title.contains(&p.name), "{}", talk.title);
    let uses = orgcraft::sim::turn::use_shares(p.role);
    let gap = |k: usize| uses[k] * (100.0 - p.skills[k]);
    assert!(
        (0..4).all(|k| gap(k) <= gap(pillar as usize)),
        "{pillar:?} is not where their work needs growth most: uses {uses:?}, skills {:?}",
        p.skills
    );
    // A reply can be queued from the card.
    let mut st = st;
    let reply = Action::Mentor { person, pillar };
    st.apply(Command::Queue(reply.clone()));
    assert!(
        st.game
            .as_ref()
            .is_some_and(|g| g.queued().contains(&reply))
    );
}

#[test]
fn someone_who_said_they_might_leave_is_warned_about_once_before_resigning() {
    // A warning needs a 1:1 that revealed a flight risk, and then a rising chance of leaving:
    // the servant holds 1:1s; the first of these games where one is warned about is checked.
    let mut found = None;
    for (stem, bot) in [
        ("brilliant_jerk", "servant"),
        ("conference_crunch", "servant"),
        ("pmo_gantt", "servant"),
    ] {
        let mut st = playing(&format!("warn-{stem}"), stem);
        let mut policy = orgcraft::headless::policy_by_name(bot).expect("bot");
        let mut warnings = Vec::new();
        while st.screen == Screen::Playing && !st.game.as_ref().is_some_and(|g| g.is_over()) {
            st.autoplay_queue(policy.as_mut());
            st.apply(Command::AskEndWeek);
            st.apply(Command::ConfirmEndWeek);
            if let Some(s) = st.last_summary() {
                warnings.extend(
                    s.moments
                        .iter()
                        .filter(|m| m.kind == MomentKind::Warning)
                        .cloned(),
                );
            }
            st.apply(Command::CloseOverlay);
        }
        if !warnings.is_empty() {
            found = Some(warnings);
            break;
        }
    }
    let warnings = found.expect("a warning in one of the games");
    // Once per person.
    let mut titles: Vec<&str> = warnings.iter().map(|m| m.title.as_str()).collect();
    let n = titles.len();
    titles.sort_unstable();
    titles.dedup();
    assert_eq!(
        titles.len(),
        n,
        "a person was warned about twice: {titles:?}"
    );
    for w in &warnings {
        assert!(w.title.ends_with("may be about to leave"), "{}", w.title);
        assert!(matches!(
            w.offers.first(),
            Some((_, Action::StayInterview { .. }))
        ));
    }
}

#[test]
fn what_if_works_during_play_on_the_weeks_played_so_far() {
    let mut st = playing("whatif-play", "pmo_gantt");
    st.apply(Command::AskEndWeek);
    st.apply(Command::ConfirmEndWeek);
    st.apply(Command::CloseOverlay);
    st.apply(Command::Queue(Action::VisionSession));
    st.apply(Command::AskEndWeek);
    st.apply(Command::ConfirmEndWeek);
    // The week-2 summary offers What if not? for each of that week's decisions.
    let (_, text) = frame_of_height(&st, Vec::new(), 1400.0);
    assert!(text.contains("What if not?"), "{text}");
    st.apply(Command::WhatIfDrop { week: 2, index: 0 });
    assert_eq!(st.overlay, Overlay::WhatIf);
    let (_, w) = st.whatif.as_ref().expect("a what-if");
    let played: Vec<u32> = w
        .weeks
        .iter()
        .filter(|r| !r.epilogue)
        .map(|r| r.week)
        .collect();
    assert_eq!(played, vec![1, 2]);
    // Week 1 is the same world in both; the game itself goes on unchanged.
    assert!(w.weeks[0].same_state);
    let (_, text) = frame_of_height(&st, Vec::new(), 1400.0);
    assert!(text.contains("So far (week 2)"), "{text}");
    assert!(!text.contains("(epilogue)"), "{text}");
    st.apply(Command::CloseOverlay);
    assert_eq!(st.screen, Screen::Playing);
    assert_eq!(st.game.as_ref().map(|g| g.week()), Some(3));
}

#[test]
fn keyboard_reaches_every_step_of_a_week() {
    let mut st = state("keys");
    let (cmds, _) = frame(&st, vec![key(egui::Key::N)]);
    assert_eq!(cmds, vec![Command::NewGame]);
    st.apply(Command::NewGame);
    let (cmds, _) = frame(&st, vec![key(egui::Key::Num2)]);
    assert_eq!(cmds, vec![Command::Pick(1)]);
    st.apply(Command::Pick(index_of(&st, "brooks_trap")));
    let (cmds, _) = frame(&st, vec![key(egui::Key::Enter)]);
    assert_eq!(cmds, vec![Command::BeginPlaying]);
    st.apply(Command::BeginPlaying);
    // 1 = the first action listed for the selection (the org: a vision session).
    let (cmds, _) = frame(&st, vec![key(egui::Key::Num1)]);
    assert_eq!(cmds, vec![Command::Queue(Action::VisionSession)]);
    // ] walks to the first team.
    let (cmds, _) = frame(&st, vec![key(egui::Key::CloseBracket)]);
    assert!(
        matches!(cmds.as_slice(), [Command::Select(Selection::Team(_))]),
        "{cmds:?}"
    );
    let (cmds, _) = frame(&st, vec![key(egui::Key::F7)]);
    assert_eq!(cmds, vec![Command::Tab(Tab::Charts)]);
    let (cmds, _) = frame(&st, vec![key(egui::Key::F2)]);
    assert_eq!(cmds, vec![Command::Tab(Tab::Map)]);
    let (cmds, _) = frame(&st, vec![key(egui::Key::Z)]);
    assert_eq!(cmds, vec![Command::UndoLast]);
    let (cmds, _) = frame(&st, vec![key(egui::Key::E)]);
    assert_eq!(cmds, vec![Command::AskEndWeek]);
    st.apply(Command::AskEndWeek);
    let (cmds, text) = frame(&st, vec![key(egui::Key::Enter)]);
    assert!(text.contains("End week 1?"), "{text}");
    assert_eq!(cmds, vec![Command::ConfirmEndWeek]);
    st.apply(Command::ConfirmEndWeek);
    let (cmds, _) = frame(&st, vec![key(egui::Key::Enter)]);
    assert_eq!(cmds, vec![Command::CloseOverlay]);
    let (cmds, _) = frame(&st, vec![key(egui::Key::F1)]);
    assert_eq!(cmds, vec![Command::OpenHelp]);
    st.apply(Command::OpenHelp);
    let (_, text) = frame(&st, Vec::new());
    for (k, _) in ui::SHORTCUTS {
        assert!(text.contains(k), "help lacks {k}");
    }
}

#[test]
fn every_selection_offers_priced_actions() {
    let st = playing("catalog", "dependency_hell");
    let g = st.game.as_ref().expect("game");
    let w = g.world();
    let idx = w.resource::<sim::Index>();
    // A pair whose work meets (connect actions are refused for teams that do not depend on
    // each other).
    let dep = idx
        .dependencies
        .values()
        .find_map(|e| w.get::<sim::Dependency>(*e))
        .expect("dependency_hell has dependencies");
    let (team, other) = (dep.consumer, dep.provider);
    let sels = [
        Selection::Org,
        Selection::Team(team),
        Selection::Person(*idx.people.keys().next().expect("person")),
        Selection::Stakeholder(*idx.stakeholders.keys().next().expect("stakeholder")),
        Selection::Initiative(*idx.initiatives.keys().next().expect("initiative")),
        Selection::Product(*idx.products.keys().next().expect("product")),
        Selection::Pair(team, other),
    ];
    for sel in sels {
        let opts = catalog::options(w, sel);
        assert!(!opts.is_empty(), "{sel:?} offers nothing");
        let mut affordable = 0;
        for o in &opts {
            assert!(!o.explain.is_empty() && !o.label.is_empty());
            match g.price(&o.action) {
                Ok(_) => affordable += 1,
                Err(r) => assert!(!r.reason.is_empty()),
            }
            let d = catalog::describe(w, &o.action);
            assert!(!d.contains("(gone)"), "{d}");
        }
        assert!(affordable > 0, "{sel:?}: nothing affordable at week 1");
    }
}

#[test]
fn the_playtest_watcher_notices_a_saved_file() {
    let dir = save_dir("watch");
    let file = dir.join("watched.ron");
    std::fs::write(&file, "(id: \"x\")").expect("write");
    let woken = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = woken.clone();
    let mut w = orgcraft::gui::watch::Watch::new(
        &file,
        Some(Box::new(move || {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        })),
    )
    .expect("watch");
    assert!(!w.poll(), "nothing changed yet");
    // An editor that writes a new file and renames it over the old one.
    let tmp = dir.join("watched.ron.swp");
    std::fs::write(&tmp, "(id: \"y\")").expect("write");
    std::fs::rename(&tmp, &file).expect("rename");
    // As the window meets it: nothing polls until the watcher wakes it, and the poll in that
    // woken frame must see the change (the quiet time counts from the change, not the poll).
    let start = std::time::Instant::now();
    while woken.load(std::sync::atomic::Ordering::SeqCst) == 0 {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(5),
            "the watcher never woke the window"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    // Every write of an editor's save wakes it once; the last wake is the one that counts.
    std::thread::sleep(std::time::Duration::from_millis(400));
    assert!(w.poll(), "the woken frame did not see the change");
    let wakes = woken.load(std::sync::atomic::Ordering::SeqCst);
    // A change to another file in the folder is not ours.
    std::fs::write(dir.join("other.ron"), "()").expect("write");
    std::thread::sleep(std::time::Duration::from_millis(400));
    assert!(!w.poll());
    assert_eq!(
        woken.load(std::sync::atomic::Ordering::SeqCst),
        wakes,
        "another file woke the window"
    );
}

#[test]
fn a_scenario_broken_at_start_opens_once_it_is_fixed() {
    let dir = save_dir("broken-start");
    let file = dir.join("draft.ron");
    let good = std::fs::read_to_string(scenarios_dir().join("budget_cut.ron")).expect("read");
    std::fs::write(&file, good.replacen("weeks:", "weeks: \"many\", wks:", 1)).expect("write");
    let mut st = GuiState::new(&[], SaveStore::new(dir));
    let err = st.open_file(&file, true).expect_err("the draft is broken");
    assert!(err.iter().any(|d| d.line > 0));
    assert_eq!(st.screen, Screen::Title);
    st.playtest
        .as_mut()
        .expect("watched even though broken")
        .diagnostics = err;
    let (_, text) = frame(&st, Vec::new());
    assert!(text.contains("fix and save it"), "{text}");
    st.playtest_changed(Ok(good.into_bytes()));
    assert_eq!(
        st.screen,
        Screen::Briefing,
        "the fixed file opens on its briefing"
    );
    st.apply(Command::BeginPlaying);
    assert_eq!(st.game.as_ref().map(|g| g.week()), Some(1));
}

#[test]
fn a_write_killed_half_way_leaves_the_last_save_intact() {
    let dir = save_dir("killed");
    let mut st = GuiState::new(&[(scenarios_dir(), "shipped")], SaveStore::new(dir.clone()));
    st.apply(Command::NewGame);
    st.apply(Command::Pick(index_of(&st, "brooks_trap")));
    st.apply(Command::BeginPlaying);
    st.apply(Command::Queue(Action::VisionSession));
    st.apply(Command::AskEndWeek);
    st.apply(Command::ConfirmEndWeek);
    let hash = st.game.as_ref().map(|g| g.sim.state_hash());
    // A process killed while writing the next save leaves only a partial temporary file.
    std::fs::write(dir.join("autosave.json.tmp"), b"{\"format\": 1, \"ver").expect("write");
    let mut again = GuiState::new(&[(scenarios_dir(), "shipped")], SaveStore::new(dir.clone()));
    again.apply(Command::Continue);
    assert_eq!(again.game.as_ref().map(|g| g.sim.state_hash()), hash);
    assert_eq!(again.game.as_ref().map(|g| g.week()), Some(2));
    // The next autosave replaces the leftover.
    again.apply(Command::AskEndWeek);
    again.apply(Command::ConfirmEndWeek);
    assert!(!dir.join("autosave.json.tmp").exists());
}

#[test]
fn the_window_game_writes_a_log_that_replays() {
    let mut st = playing("game-log", "dependency_hell");
    let mut bot = policy_by_name("random").expect("random");
    for _ in 0..5 {
        st.autoplay_queue(bot.as_mut());
        st.apply(Command::AskEndWeek);
        st.apply(Command::ConfirmEndWeek);
        st.apply(Command::CloseOverlay);
    }
    let g = st.game.as_ref().expect("game");
    let path = st.saves.log_path(g);
    let log = orgcraft::headless::log::DecisionLog::read(&path).expect("the log was written");
    assert_eq!(log.weeks.len(), 5);
    assert_eq!(log.policy, "player");
    let sc = orgcraft::scenario::load(&scenarios_dir().join("dependency_hell.ron")).expect("loads");
    let r = orgcraft::headless::log::replay(&sc, &log).expect("replays");
    assert_eq!(r.week_hashes.len(), 5);
    assert_eq!(
        r.week_hashes.last(),
        Some(&format!("{:016x}", g.sim.state_hash()))
    );
}

#[test]
fn a_team_that_runs_out_of_work_gets_a_card_to_choose_its_next_bet() {
    let mut st = play_until_moment("next-bet", "pmo_gantt", "servant", MomentKind::OutOfWork);
    let card = st
        .last_summary()
        .and_then(|s| {
            s.moments
                .iter()
                .find(|m| m.kind == MomentKind::OutOfWork)
                .cloned()
        })
        .expect("a next-bet card");
    let g = st.game.as_ref().expect("game");
    let w = g.world();
    // It is true: the team named has no open work left.
    let team = w
        .resource::<orgcraft::sim::Index>()
        .teams
        .values()
        .filter_map(|e| w.get::<orgcraft::sim::Team>(*e))
        .find(|t| card.title == format!("{} has run out of work", t.name))
        .map(|t| t.id)
        .expect("the card names a team");
    let open = w
        .resource::<orgcraft::sim::Index>()
        .initiatives
        .values()
        .filter_map(|e| w.get::<orgcraft::sim::Initiative>(*e))
        .filter(|i| i.team == team && i.is_open())
        .count();
    assert_eq!(open, 0, "{}", card.title);
    // Each bet it offers is one the player can afford and queue now, for that team.
    assert!(!card.offers.is_empty(), "{card:?}");
    for (label, a) in &card.offers {
        assert!(
            matches!(a, Action::SetDiscoveryShare { team: t, .. } | Action::SetDebtShare { team: t, .. } if *t == team),
            "{label}: {a:?}"
        );
        assert!(g.price(a).is_ok(), "{label}: {:?}", g.price(a));
    }
    let (_, text) = frame_of_height(&st, Vec::new(), 1400.0);
    assert!(text.contains(&card.title), "{text}");
    assert!(text.contains(&card.offers[0].0), "{text}");
    let before = g.queued().len();
    st.apply(Command::Queue(card.offers[0].1.clone()));
    assert_eq!(st.game.as_ref().expect("game").queued().len(), before + 1);
}

/// Every text the third frame draws on a 1280 × `height` screen, `events` given in the second
/// and third, with the part of it that shows (`common::placed_texts`).
fn placed_texts(st: &GuiState, events: Vec<egui::Event>, height: f32) -> Vec<(String, egui::Rect)> {
    common::placed_texts(&common::frames(st, &events, height, 3).1)
}

fn find<'a>(placed: &'a [(String, egui::Rect)], text: &str) -> &'a egui::Rect {
    &placed
        .iter()
        .find(|(t, _)| t == text)
        .unwrap_or_else(|| {
            let all: Vec<&str> = placed.iter().map(|(t, _)| t.as_str()).collect();
            panic!("{text:?} is not drawn; drawn: {all:?}")
        })
        .1
}

#[test]
fn the_status_bar_stays_on_one_line_at_1280_px_in_every_scenario() {
    for (i, e) in state("bar").catalog.iter().enumerate() {
        let mut st = state("bar");
        st.apply(Command::NewGame);
        st.apply(Command::Pick(i));
        st.apply(Command::BeginPlaying);
        let placed = placed_texts(&st, Vec::new(), 800.0);
        let menu = find(&placed, "Menu [Esc]");
        let product = placed
            .iter()
            .find(|(t, _)| t.starts_with("Product "))
            .map(|(_, r)| *r)
            .expect("the product score is in the bar");
        assert!(
            (menu.center().y - product.center().y).abs() < 4.0,
            "{}: the bar wraps: Menu at y {:.0}, the scores at y {:.0}",
            e.title,
            menu.center().y,
            product.center().y
        );
    }
}

/// Plays `stem` with `bot` until at least `n` demands wait in the inbox.
fn until_demands(name: &str, stem: &str, n: usize) -> GuiState {
    let mut st = playing(name, stem);
    for _ in 0..20 {
        if st
            .game
            .as_ref()
            .is_some_and(|g| g.world().resource::<sim::Org>().demands.len() >= n)
        {
            return st;
        }
        st.apply(Command::AskEndWeek);
        st.apply(Command::ConfirmEndWeek);
        st.apply(Command::CloseOverlay);
    }
    panic!("{stem} never had {n} demands waiting");
}

#[test]
fn the_inbox_shows_whole_demands_and_explains_an_answer_below_them() {
    // Unanswered, pmo_gantt's demands pile up: two wait at once within a few weeks.
    let st = until_demands("inbox-room", "pmo_gantt", 2);
    let placed = placed_texts(&st, Vec::new(), 800.0);
    // The first demand's four answers are on the screen, not cut off at its bottom edge.
    for label in ["Comply [C]", "Shield [H]", "Reframe [R]", "Escalate [X]"] {
        let r = find(&placed, label);
        assert!(
            r.bottom() <= 800.0,
            "{label} is cut off at y {:.0}",
            r.bottom()
        );
    }
    // Hovering an answer explains it in the strip under the demands, not over them.
    let shield = *find(&placed, "Shield [H]");
    let hover = vec![egui::Event::PointerMoved(shield.center())];
    let placed = placed_texts(&st, hover, 800.0);
    let (text, strip) = placed
        .iter()
        .find(|(t, _)| t.starts_with("Shield: "))
        .cloned()
        .expect("hovering Shield explains it");
    assert!(
        text.contains("Cost:") || text.contains("Not possible now"),
        "{text}"
    );
    assert!(
        strip.top() >= shield.bottom(),
        "the explanation (y {:.0}) sits over the answers (bottom {:.0})",
        strip.top(),
        shield.bottom()
    );
    let demand_lines: Vec<&egui::Rect> = placed
        .iter()
        .filter(|(t, _)| t.contains("Answer by week"))
        .map(|(_, r)| r)
        .collect();
    assert!(!demand_lines.is_empty());
    for d in demand_lines {
        assert!(!d.intersects(strip), "the explanation covers a demand");
    }
}

#[test]
fn a_week_one_chart_spans_the_whole_game_with_its_legend_above_the_plot() {
    let mut st = playing("chart-axis", "pmo_gantt");
    st.apply(Command::AskEndWeek);
    st.apply(Command::ConfirmEndWeek);
    st.apply(Command::CloseOverlay);
    st.apply(Command::Tab(Tab::Charts));
    let placed = placed_texts(&st, Vec::new(), 800.0);
    // No negative week on the axis (egui_plot centred a single point in −50…50).
    for (t, _) in &placed {
        let t = t.replace('\u{2212}', "-");
        assert!(
            !(t.starts_with('-') && t[1..].chars().all(|c| c.is_ascii_digit())),
            "a negative axis label: {t}"
        );
    }
    // The x axis reaches the last week (20): its tick labels go past 10.
    assert!(
        placed.iter().any(|(t, _)| t == "20" || t == "15"),
        "the axis does not span the game"
    );
    // The legend sits above its plot: "Product" (the legend) above the "100" tick label.
    let legend = find(&placed, "Product");
    let top_tick = placed
        .iter()
        .filter(|(t, _)| t == "100")
        .map(|(_, r)| r)
        .min_by(|a, b| a.top().total_cmp(&b.top()))
        .expect("a 100 tick");
    assert!(
        legend.bottom() <= top_tick.top() + 2.0,
        "legend at {legend:?}, plot top at {top_tick:?}"
    );
}

#[test]
fn a_stakeholder_whose_trust_rises_says_so_with_what_raised_it() {
    let st = play_until_moment("praise", "pmo_gantt", "servant", MomentKind::Praise);
    let g = st.game.as_ref().expect("game");
    let card = st
        .last_summary()
        .and_then(|s| {
            s.moments
                .iter()
                .find(|m| m.kind == MomentKind::Praise)
                .cloned()
        })
        .expect("a praise card");
    // The card names a stakeholder whose trust now is what it says.
    let w = g.world();
    let idx = w.resource::<sim::Index>();
    let named = idx
        .stakeholders
        .values()
        .filter_map(|e| w.get::<sim::Stakeholder>(*e))
        .find(|s| card.title.starts_with(&s.name))
        .expect("the card names a stakeholder");
    let said = format!("to {:.0} this week", named.trust());
    assert!(
        card.lines[0].contains(&said),
        "{:?} lacks {said}",
        card.lines
    );
    assert!(
        card.lines.iter().any(|l| l.starts_with("What raised it: ")),
        "{:?}",
        card.lines
    );
    let (_, text) = frame_of_height(&st, Vec::new(), 1400.0);
    assert!(text.contains(&card.title), "{text}");
}

#[test]
fn a_forecast_shows_its_date_range_on_the_org_map() {
    let mut st = playing("forecast-chip", "pmo_gantt");
    // A forecast needs six weeks of throughput.
    for _ in 0..6 {
        st.apply(Command::AskEndWeek);
        st.apply(Command::ConfirmEndWeek);
        st.apply(Command::CloseOverlay);
    }
    let open = {
        let w = st.game.as_ref().expect("game").world();
        let idx = w.resource::<sim::Index>();
        idx.initiatives
            .iter()
            .find(|(_, e)| w.get::<sim::Initiative>(**e).is_some_and(|i| i.is_open()))
            .map(|(id, _)| *id)
            .expect("open work")
    };
    st.apply(Command::Queue(Action::Forecast { initiative: open }));
    st.apply(Command::AskEndWeek);
    st.apply(Command::ConfirmEndWeek);
    st.apply(Command::CloseOverlay);
    st.apply(Command::Tab(Tab::Map));
    let f = {
        let w = st.game.as_ref().expect("game").world();
        orgcraft::sim::lookup::get::<sim::Initiative>(w, open)
            .and_then(|i| i.forecast)
            .expect("the forecast was made")
    };
    let (_, text) = frame(&st, Vec::new());
    assert!(
        text.contains(&format!("wk {}–{}", f.p50, f.p85)),
        "the map does not show the forecast's range wk {}–{}:\n{text}",
        f.p50,
        f.p85
    );
}
