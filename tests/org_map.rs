//! The org map, the playing screen's main view, without a GPU: it shows every team, person,
//! stakeholder and demand; a click on an avatar selects the person and hovering says what
//! moved them last week; eight teams fit without overlapping; and after End week the change
//! plays for under a second, after which the map asks for no more frames (an idle window
//! stays idle).
#![cfg(feature = "gui")]

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use bevy_egui::egui;
use orgcraft::gui::catalog::Selection;
use orgcraft::gui::save::SaveStore;
use orgcraft::gui::state::{Command, GuiState, Screen, Tab};
use orgcraft::gui::ui;
use orgcraft::headless::policy_by_name;
use orgcraft::sim::{self, Person, Stakeholder, Team};

fn state(name: &str) -> GuiState {
    let d = std::env::temp_dir().join(format!("orgcraft-map-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    GuiState::new(&[(common::scenarios_dir(), "shipped")], SaveStore::new(d))
}

fn playing(name: &str, file: &Path) -> GuiState {
    let mut st = state(name);
    st.open_file(file, false).expect("scenario opens");
    st.apply(Command::BeginPlaying);
    assert_eq!(st.screen, Screen::Playing);
    assert_eq!(st.tab, Tab::Map, "the org map is the first view");
    st
}

/// Plays `weeks` weeks with the servant through the interface and closes each summary.
fn play(st: &mut GuiState, weeks: u32) {
    let mut bot = policy_by_name("servant").expect("servant");
    for _ in 0..weeks {
        st.autoplay_queue(bot.as_mut());
        st.apply(Command::AskEndWeek);
        st.apply(Command::ConfirmEndWeek);
        st.apply(Command::CloseOverlay);
    }
}

/// What one frame drew and asked for.
struct Frame {
    cmds: Vec<Command>,
    /// Every text drawn, with where.
    texts: Vec<(String, egui::Rect)>,
    repaint: Duration,
    /// Who asked for the next frame (egui's record), for messages.
    causes: String,
}

/// A context whose tooltips show without delay (set once: a style change asks for a frame).
fn context() -> egui::Context {
    let ctx = egui::Context::default();
    ctx.all_styles_mut(|s| s.interaction.tooltip_delay = 0.0);
    ctx
}

/// Runs one frame of the interface on `ctx` at `time` seconds.
fn frame(ctx: &egui::Context, st: &GuiState, time: f64, events: Vec<egui::Event>) -> Frame {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        time: Some(time),
        events,
        ..Default::default()
    };
    let mut cmds = Vec::new();
    let mut out = ctx.run_ui(input, |root| cmds = ui::draw(root, st));
    out.textures_delta.clear();
    let mut texts = Vec::new();
    fn walk(s: &egui::Shape, out: &mut Vec<(String, egui::Rect)>) {
        match s {
            egui::Shape::Text(t) => out.push((
                t.galley.text().to_string(),
                egui::Rect::from_min_size(t.pos, t.galley.size()),
            )),
            egui::Shape::Vec(v) => v.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    for s in &out.shapes {
        walk(&s.shape, &mut texts);
    }
    let repaint = out
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .map(|v| v.repaint_delay)
        .unwrap_or(Duration::MAX);
    Frame {
        cmds,
        texts,
        repaint,
        causes: format!("{:?}", ctx.repaint_causes()),
    }
}

/// egui lays a new screen out over its first two frames (and asks for both) and fades scroll
/// bars in; the frame a second later is the one a player sees.
fn settled(ctx: &egui::Context, st: &GuiState, time: f64) -> Frame {
    frame(ctx, st, time, Vec::new());
    frame(ctx, st, time + 0.05, Vec::new());
    frame(ctx, st, time + 0.1, Vec::new());
    // Scroll bars and modal areas fade in over a fraction of a second.
    frame(ctx, st, time + 1.0, Vec::new())
}

fn all_text(f: &Frame) -> String {
    f.texts
        .iter()
        .map(|(t, _)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn short(name: &str) -> &str {
    orgcraft::sim::describe::short_name(name)
}

#[test]
fn the_map_shows_every_team_person_and_stakeholder_and_the_demands_waiting() {
    let mut st = playing("all", &common::scenarios_dir().join("pmo_gantt.ron"));
    play(&mut st, 1);
    let ctx = context();
    let f = settled(&ctx, &st, 0.0);
    let text = all_text(&f);
    let g = st.game.as_ref().expect("game");
    let w = g.world();
    let idx = w.resource::<sim::Index>();
    for e in idx.teams.values() {
        let t = w.get::<Team>(*e).expect("team");
        assert!(text.contains(&t.name), "the map lacks the team {}", t.name);
    }
    for e in idx.people.values() {
        let p = w.get::<Person>(*e).expect("person");
        assert!(
            f.texts.iter().any(|(t, _)| t == short(&p.name)),
            "the map lacks {}",
            p.name
        );
    }
    for e in idx.stakeholders.values() {
        let s = w.get::<Stakeholder>(*e).expect("stakeholder");
        assert!(text.contains(short(&s.name)), "the map lacks {}", s.name);
        assert!(
            text.contains(s.role.label()),
            "the map lacks {}'s role",
            s.name
        );
    }
    // Work in the rooms, in words.
    assert!(
        ["being built", "exploring", "blocked", "waiting"]
            .iter()
            .any(|w| text.to_lowercase().contains(w)),
        "no work shown in the rooms:\n{text}"
    );
    assert!(
        common::code_words(&text, &[]).is_empty(),
        "{:?}",
        common::code_words(&text, &[])
    );
}

#[test]
fn clicking_an_avatar_selects_the_person_and_hovering_says_what_moved_them() {
    let mut st = playing("click", &common::scenarios_dir().join("brooks_trap.ron"));
    play(&mut st, 2);
    let (id, name) = {
        let w = st.game.as_ref().expect("game").world();
        let e = *w
            .resource::<sim::Index>()
            .people
            .values()
            .next()
            .expect("someone");
        let p = w.get::<Person>(e).expect("person");
        (p.id, p.name.clone())
    };
    let ctx = context();
    let f = settled(&ctx, &st, 0.0);
    // The tree on the left names them too; the map is drawn last.
    let label = f
        .texts
        .iter()
        .rev()
        .find(|(t, _)| t == short(&name))
        .map(|(_, r)| *r)
        .expect("the person's name is under their avatar");
    // The avatar is just above the name.
    let at = label.center_top() - egui::vec2(0.0, 14.0);
    // Tooltips show once the pointer rests.
    frame(&ctx, &st, 2.0, vec![egui::Event::PointerMoved(at)]);
    frame(&ctx, &st, 2.6, Vec::new());
    let hover = frame(&ctx, &st, 3.2, Vec::new());
    let tip = all_text(&hover);
    assert!(
        tip.contains("Engagement last week"),
        "the tooltip says what moved them:\n{tip}"
    );
    assert!(
        tip.contains("What you can do"),
        "and what the player can do:\n{tip}"
    );
    assert!(
        tip.contains("• 1:1 ("),
        "a 1:1 is among the options, priced:\n{tip}"
    );
    let click = |pressed| egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    let f = frame(&ctx, &st, 3.4, vec![click(true), click(false)]);
    assert!(
        f.cmds.contains(&Command::Select(Selection::Person(id))),
        "clicking {name}'s avatar selects them: {:?}",
        f.cmds
    );
}

#[test]
fn two_and_eight_teams_fit_side_by_side_without_overlapping() {
    for (file, teams, min_avatar) in [
        (common::scenarios_dir().join("brilliant_jerk.ron"), 2, 38.0),
        (common::scenarios_dir().join("dependency_hell.ron"), 4, 26.0),
        (
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/map/eight_teams.ron"),
            8,
            26.0,
        ),
    ] {
        let st = playing("fit", &file);
        let w = st.game.as_ref().expect("game").world();
        // The centre of a 1280 × 800 window between the side panels.
        let (width, height) = (700.0, 420.0);
        let (rooms, avatar) = ui::org_map::rooms(w, width, height);
        assert_eq!(rooms.len(), teams, "{}", file.display());
        assert!(
            avatar >= min_avatar,
            "{}: avatars {avatar} px",
            file.display()
        );
        for (i, (_, a)) in rooms.iter().enumerate() {
            assert!(
                a.left() >= 0.0 && a.right() <= width + 0.5,
                "{}: room {i} outside",
                file.display()
            );
            for (_, b) in &rooms[i + 1..] {
                assert!(
                    !a.intersects(*b),
                    "{}: rooms overlap: {a:?} {b:?}",
                    file.display()
                );
            }
        }
    }
}

#[test]
fn after_end_week_the_change_plays_briefly_and_then_the_map_asks_for_no_frames() {
    let mut st = playing("idle", &common::scenarios_dir().join("pmo_gantt.ron"));
    let ctx = context();
    settled(&ctx, &st, 0.0);
    let idle = frame(&ctx, &st, 5.0, Vec::new());
    assert_eq!(
        idle.repaint,
        Duration::MAX,
        "a settled map asks for no frame: {}",
        idle.causes
    );
    let mut bot = policy_by_name("servant").expect("servant");
    st.autoplay_queue(bot.as_mut());
    st.apply(Command::AskEndWeek);
    st.apply(Command::ConfirmEndWeek);
    // While the summary is open the map holds last week's picture.
    settled(&ctx, &st, 6.0);
    let held = frame(&ctx, &st, 7.0, Vec::new());
    assert_eq!(
        held.repaint,
        Duration::MAX,
        "nothing plays behind the summary: {}",
        held.causes
    );
    st.apply(Command::CloseOverlay);
    frame(&ctx, &st, 8.0, Vec::new());
    let playing = frame(&ctx, &st, 8.1, Vec::new());
    assert!(
        playing.repaint < Duration::from_millis(100),
        "the week's change plays once the summary closes (repaint in {:?})",
        playing.repaint
    );
    frame(&ctx, &st, 9.5, Vec::new());
    frame(&ctx, &st, 10.0, Vec::new());
    let after = frame(&ctx, &st, 10.5, Vec::new());
    assert_eq!(
        after.repaint,
        Duration::MAX,
        "and stops within a second: {}",
        after.causes
    );
}

#[test]
fn the_details_panel_keeps_its_width_whatever_is_selected() {
    let mut st = playing(
        "width",
        &common::scenarios_dir().join("dependency_hell.ron"),
    );
    play(&mut st, 2);
    let selections = {
        let w = st.game.as_ref().expect("game").world();
        let idx = w.resource::<sim::Index>();
        let longest_initiative = idx
            .initiatives
            .iter()
            .max_by_key(|(_, e)| {
                w.get::<sim::Initiative>(**e)
                    .map(|i| i.name.len())
                    .unwrap_or(0)
            })
            .map(|(id, _)| *id)
            .expect("an initiative");
        let teams: Vec<_> = idx.teams.keys().copied().collect();
        vec![
            Selection::Org,
            Selection::Team(teams[0]),
            Selection::Person(*idx.people.keys().next().expect("someone")),
            Selection::Stakeholder(*idx.stakeholders.keys().next().expect("a stakeholder")),
            Selection::Initiative(longest_initiative),
            Selection::Pair(teams[0], teams[teams.len() - 1]),
            Selection::Org,
        ]
    };
    let ctx = context();
    let mut lefts = Vec::new();
    for (k, sel) in selections.into_iter().enumerate() {
        st.apply(Command::Select(sel));
        let f = settled(&ctx, &st, 10.0 * k as f64);
        let actions = f
            .texts
            .iter()
            .rev()
            .find(|(t, _)| t == "Actions")
            .map(|(_, r)| r.left())
            .expect("the details panel lists actions");
        lefts.push((sel, actions));
    }
    let first = lefts[0].1;
    for (sel, x) in &lefts {
        assert!(
            (x - first).abs() < 0.5,
            "the details panel moved to x = {x} for {sel:?} (x = {first} for the org): {lefts:?}"
        );
    }
}
